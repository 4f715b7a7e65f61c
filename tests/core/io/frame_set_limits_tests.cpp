// The ten-million-frame limit of a frame set holds across its items, and is checked before
// an item's frames are built (a set of two full ranges built 20 million frames, then threw:
// a timeout of fuzz_frame_pattern on a loaded machine).
#include <gtest/gtest.h>

#include "core/exec/errors.h"
#include "core/io/frame_set.h"

using namespace filmrecover;

TEST(FrameSetLimits, TenMillionFramesInAllAtMost) {
  EXPECT_EQ(parseFrameSet("1-10000000").size(), 10000000u);
  EXPECT_EQ(parseFrameSet("5,1-9999999").size(), 10000000u);
  EXPECT_EQ(parseFrameSet("1-10000000x2,1-10000000x2").size(), 10000000u);
  EXPECT_EQ(parseFrameSet("1-10000000y2,1-10000000y2").size(), 10000000u);
  EXPECT_THROW(parseFrameSet("1-10000000,1-10000000"), InputError);
  EXPECT_THROW(parseFrameSet("1-10000000,5"), InputError);
  EXPECT_THROW(parseFrameSet("1-10000000x2,1-10000000x2,3"), InputError);
}
