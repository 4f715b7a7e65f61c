#include <gtest/gtest.h>

#include "core/cli/crop_flag.h"
#include "core/exec/errors.h"

namespace filmrecover::cli {

TEST(CropFlag, ParsesFourCommaSeparatedCorners) {
  const Rect r = parseCropFlag("--crop", "12,8,2036,1548");
  EXPECT_EQ(r.x0, 12);
  EXPECT_EQ(r.y0, 8);
  EXPECT_EQ(r.x1, 2036);
  EXPECT_EQ(r.y1, 1548);
}

TEST(CropFlag, RejectsMalformedOrEmptyRectanglesNamingTheFlag) {
  for (const char* bad : {"", "1,2,3", "1;2;3;4", "10,10,5,20", "0,0,10,0", "1,2,3,4,5", "1,2,3,4x"}) {
    try {
      parseCropFlag("--crop-rect", bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const InputError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("--crop-rect"), std::string::npos) << what;
      EXPECT_NE(what.find(std::string("'") + bad + "'"), std::string::npos) << what;
    }
  }
}

}  // namespace filmrecover::cli
