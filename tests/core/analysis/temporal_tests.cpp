#include <gtest/gtest.h>

#include <cmath>

#include "core/analysis/sequence_metrics.h"
#include "core/analysis/temporal_consistency.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::analysis;

namespace {

// Frame t of a shot panning over a textured plate by (2, 1) pixels per frame, with a grey
// square that stays put (so its edges occlude the moving background).
Image panFrame(int t, bool square = true) {
  static const Image plate = test::makeTestPattern(200, 160, 4);
  Image img(128, 96, 3);
  for (int y = 0; y < 96; ++y)
    for (int x = 0; x < 128; ++x)
      for (int c = 0; c < 3; ++c) {
        const bool inSquare = square && x >= 50 && x < 80 && y >= 30 && y < 60;
        img.at(x, y, c) = inSquare ? 0.5f + 0.1f * c : plate.at(x + 20 + 2 * t, y + 20 + t, c);
      }
  return img;
}

Image scaled(Image img, float gain) {
  for (auto& v : img.pixels) v *= gain;
  return img;
}

}  // namespace

TEST(Temporal, DisFlowFindsThePanAndMasksOcclusions) {
  const MotionEstimate m = estimateMotion(panFrame(0), panFrame(1));
  // Pixels of the current frame came from (x + 2, y + 1) in the previous one.
  double dx = 0, dy = 0;
  int n = 0;
  for (int y = 10; y < 25; ++y)
    for (int x = 10; x < 40; ++x) {
      const size_t i = static_cast<size_t>(y) * 128 + x;
      dx += m.flow[i * 2], dy += m.flow[i * 2 + 1], ++n;
    }
  EXPECT_NEAR(dx / n, 2.0, 0.25);
  EXPECT_NEAR(dy / n, 1.0, 0.25);
  EXPECT_GT(m.occludedFraction, 0.0);
  EXPECT_LT(m.occludedFraction, 0.3);
}

TEST(Temporal, WarpingErrorIsSmallForConsistentAndLargeForFlickeringFrames) {
  const Image f0 = panFrame(0), f1 = panFrame(1);
  const MotionEstimate m = estimateMotion(f0, f1);
  const double consistent = warpingError(f0, f1, m);
  const double flicker = warpingError(scaled(f0, 0.9f), f1, m);
  EXPECT_LT(consistent, 2e-4);
  EXPECT_GT(flicker, 5.0 * consistent);
  EXPECT_GT(flicker, 1e-3);
}

TEST(Temporal, SequenceFlickerOfAShowsAsExcessOverB) {
  // B pans steadily; A is B with a gain that alternates frame to frame.
  const auto readB = [](int f) { return panFrame(f); };
  const auto readA = [](int f) { return scaled(panFrame(f), f % 2 ? 0.92f : 1.0f); };
  const SequenceMetrics m = compareSequences(readA, readB, {}, {1, 2, 3, 4, 5});
  ASSERT_EQ(m.frames.size(), 5u);
  ASSERT_EQ(m.temporal.size(), 4u);
  EXPECT_EQ(m.motionGuide, "B");
  EXPECT_GT(m.temporalSummary.meanLumaStepExcess, 0.02);
  EXPECT_LT(m.temporalSummary.meanLumaStepB, 0.01);
  EXPECT_GT(m.temporalSummary.meanWarpErrorA, 5.0 * m.temporalSummary.meanWarpErrorB);
  // Frames 2 and 4 of A equal B: best PSNR; 1, 3, 5 are darker.
  EXPECT_DOUBLE_EQ(m.frames[1].psnrRgb, 100.0);
}
