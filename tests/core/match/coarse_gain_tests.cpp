// First-pass gains: a low but mutually preferred correlation counts, an unrelated one not.
#include <gtest/gtest.h>

#include "core/match/coarse_gain.h"

namespace filmrecover::match {
namespace {

TEST(CoarseGains, MutualBestOfAFlatShotCountsOneSidedBestDoesNot) {
  // Rows 0-1: a flat shot whose right frames (columns 0-1) correlate only 0.4, other
  // shots ~0. Row 2: a shot the source lacks; its best (0.35, column 2) is a frame whose
  // own match (row 3) scores 0.9.
  cv::Mat sim = (cv::Mat_<float>(4, 3) << 0.40f, 0.30f, 0.00f,  //
                 0.32f, 0.42f, 0.05f,                           //
                 0.05f, 0.02f, 0.35f,                           //
                 0.00f, 0.10f, 0.90f);
  const cv::Mat g = coarseGains(sim, 0.55f, 0.3f, 0.15f);
  EXPECT_GT(g.at<float>(0, 0), 0.0f);
  EXPECT_GT(g.at<float>(1, 1), 0.0f);
  EXPECT_LT(g.at<float>(0, 2), 0.0f);
  EXPECT_LT(g.at<float>(2, 2), 0.0f);  // one-sided best: the column prefers row 3
  EXPECT_NEAR(g.at<float>(3, 2), 0.90f - 0.55f, 1e-6);  // well correlated: the usual threshold
  // Never below the floor: a row best of 0.2 does not make 0.2 a match.
  cv::Mat weak = (cv::Mat_<float>(1, 2) << 0.2f, 0.0f);
  EXPECT_LT(coarseGains(weak, 0.55f, 0.3f, 0.15f).at<float>(0, 0), 0.0f);
}

}  // namespace
}  // namespace filmrecover::match
