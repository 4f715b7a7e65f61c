// The framing from single registrations that fall into two clusters.
#include <gtest/gtest.h>

#include "core/match/thumbnail_similarity.h"
#include "core/match/warp_medoid.h"

namespace filmrecover::match {
namespace {

cv::Mat warp(float sx, float sy, float tx, float ty) { return (cv::Mat_<float>(2, 3) << sx, 0, tx, 0, sy, ty); }

TEST(MedoidWarp, TakesTheLargestClusterWithoutMixingIt) {
  // Six registrations found the anamorphic squeeze (y scale 1.4, shift -28), four stopped
  // in another optimum (y scale ~1.03, small shift). A per-element median would take the
  // scale of the first and a shift of the second: ~20 thumbnail pixels off everywhere.
  std::vector<cv::Mat> w = {warp(1.05f, 1.40f, -1.3f, -28.4f), warp(1.04f, 1.04f, -1.2f, -3.9f),
                            warp(1.05f, 1.03f, -1.3f, -2.4f),  warp(1.05f, 1.40f, -2.1f, -30.0f),
                            warp(1.05f, 1.02f, -1.4f, -0.8f),  warp(1.04f, 1.41f, -1.5f, -28.5f),
                            warp(1.04f, 1.41f, -1.3f, -28.6f), warp(1.05f, 1.04f, -2.3f, -4.9f),
                            warp(1.05f, 1.41f, -1.2f, -29.6f), warp(1.05f, 1.40f, -1.5f, -28.4f)};
  const cv::Mat m = medoidWarp(w);
  EXPECT_LT(warpDistance(m, warp(1.05f, 1.40f, -1.4f, -28.5f)), 1.5);
  EXPECT_TRUE(cv::countNonZero(medoidWarp({}) != cv::Mat::eye(2, 3, CV_32F)) == 0);
}

}  // namespace
}  // namespace filmrecover::match
