// Frame tokens asking for absurd padding: "%0555555555555d" overflowed atoi and a padding of
// about a billion digits made every output path take minutes to format (found by
// fuzz_frame_pattern as a timeout). Such runs are no token: the pattern is refused by name.
#include <string>

#include <gtest/gtest.h>

#include "core/exec/errors.h"
#include "core/io/frame_token.h"
#include "core/io/output_pattern.h"

using namespace filmrecover;

TEST(FrameTokenLimits, FuzzersTimeoutInputIsRefusedAtOnce) {
  const std::string pattern = std::string("%0555555555555dpd\xff%3");  // fuzz_frame_pattern's input
  EXPECT_FALSE(findFrameToken(pattern).found);
  EXPECT_THROW(OutputPattern{pattern}, InputError);
}

TEST(FrameTokenLimits, PaddingWiderThanAnyFrameNumberIsNoToken) {
  EXPECT_THROW(OutputPattern("out.%0999999999d.exr"), InputError);
  EXPECT_THROW(OutputPattern("out.%0100d.exr"), InputError);
  EXPECT_THROW(OutputPattern("out." + std::string(17, '#') + ".exr"), InputError);
  EXPECT_THROW(OutputPattern("out." + std::string(40, '@') + ".png"), InputError);
  try {
    OutputPattern("out.%0999999999d.exr");
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("out.%0999999999d.exr"), std::string::npos) << e.what();
  }
}

TEST(FrameTokenLimits, PaddingUpToTheLimitStillWorks) {
  EXPECT_EQ(OutputPattern("out.%016d.exr").pathFor(7), "out.0000000000000007.exr");
  EXPECT_EQ(OutputPattern("out." + std::string(16, '#') + ".exr").padding(), 16);
  EXPECT_EQ(OutputPattern("out.%04d.exr").pathFor(-3), "out.-003.exr");
  EXPECT_EQ(OutputPattern("out.@.png").pathFor(12), "out.12.png");
}
