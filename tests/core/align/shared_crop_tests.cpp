// The largest rectangle of valid picture (shared_crop.h).
#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include "core/align/shared_crop.h"

namespace filmrecover::test {
namespace {

TEST(SharedCrop, LargestRectangleOfAMask) {
  cv::Mat mask = cv::Mat::zeros(50, 80, CV_8U);
  mask(cv::Rect(10, 5, 60, 40)) = 255;
  mask(cv::Rect(0, 20, 80, 3)) = 255;  // a thin wide band: area 240 < 2400
  mask.at<uchar>(30, 40) = 0;          // one hole splits the big block
  const Rect r = align::largestRectangle(mask);
  // Best: the block above the hole row (rows 5..29, 60 wide = 1500) vs left of it (30 x 40 =
  // 1200) vs below (rows 31..44: 840): rows 5..30 exclusive.
  EXPECT_EQ(r, (Rect{10, 5, 70, 30}));
}

}  // namespace
}  // namespace filmrecover::test
