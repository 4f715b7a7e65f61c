#include <gtest/gtest.h>

#include <cmath>

#include "core/analysis/colour_consistency.h"
#include "core/analysis/sequence_metrics.h"
#include "core/exec/errors.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::analysis;

namespace {

// JS([0.5, 0.5], [1, 0]) worked by hand with natural logs: M = [0.75, 0.25],
// 0.5 (0.5 ln(0.5/0.75) + 0.5 ln(0.5/0.25)) + 0.5 (1 ln(1/0.75)).
constexpr double kHalfAgainstOne = 0.21576155433883565;

Image flat(float r, float g, float b, int w = 32, int h = 24) {
  Image img(w, h, 3);
  for (size_t i = 0; i < img.pixelCount(); ++i) {
    img.pixels[i * 3] = r;
    img.pixels[i * 3 + 1] = g;
    img.pixels[i * 3 + 2] = b;
  }
  return img;
}

// Frame t of a pan over a textured plate by (2, 1) px per frame (as in temporal_tests).
Image panFrame(int t) {
  static const Image plate = test::makeTestPattern(200, 160, 4);
  Image img(128, 96, 3);
  for (int y = 0; y < 96; ++y)
    for (int x = 0; x < 128; ++x)
      for (int c = 0; c < 3; ++c) img.at(x, y, c) = plate.at(x + 20 + 2 * t, y + 20 + t, c);
  return img;
}

// The same picture with its chroma scaled about its luma (a colour flicker at constant Y').
Image chromaGain(Image img, float gain) {
  for (size_t i = 0; i < img.pixelCount(); ++i) {
    float* p = &img.pixels[i * 3];
    const float y = 0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2];
    for (int c = 0; c < 3; ++c) p[c] = y + gain * (p[c] - y);
  }
  return img;
}

Image grey(Image img) {
  for (size_t i = 0; i < img.pixelCount(); ++i) {
    float* p = &img.pixels[i * 3];
    const float y = 0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2];
    p[0] = p[1] = p[2] = y;
  }
  return img;
}

}  // namespace

TEST(ColourConsistency, JensenShannonIsZeroForEqualAndKnownForAKnownPair) {
  EXPECT_DOUBLE_EQ(jensenShannon({0.2, 0.3, 0.5}, {0.2, 0.3, 0.5}), 0.0);
  EXPECT_NEAR(jensenShannon({1, 0}, {0, 1}), std::log(2.0), 1e-12);
  EXPECT_NEAR(jensenShannon({0.5, 0.5}, {1, 0}), kHalfAgainstOne, 1e-12);
  EXPECT_NEAR(jensenShannon({1, 0}, {0.5, 0.5}), kHalfAgainstOne, 1e-12);  // symmetric
  EXPECT_THROW(jensenShannon({1}, {0.5, 0.5}), InputError);
}

TEST(ColourConsistency, HistogramsBinByEightBitCode) {
  Image img = flat(0.0f, 1.0f, 0.5f, 4, 2);
  for (int x = 0; x < 2; ++x) img.at(x, 0, 0) = 1.0f;  // a quarter of R at 255
  img.at(3, 1, 2) = 2.0f;                                // clamped to 255
  const ChannelHistograms h = channelHistograms(img);
  ASSERT_EQ(h.channel[0].size(), 256u);
  EXPECT_DOUBLE_EQ(h.channel[0][0], 0.75);
  EXPECT_DOUBLE_EQ(h.channel[0][255], 0.25);
  EXPECT_DOUBLE_EQ(h.channel[1][255], 1.0);
  EXPECT_DOUBLE_EQ(h.channel[2][128], 7.0 / 8.0);  // 0.5 * 255 = 127.5 rounds to 128
  EXPECT_DOUBLE_EQ(h.channel[2][255], 1.0 / 8.0);
  EXPECT_THROW(channelHistograms(Image(4, 4, 1)), InputError);
}

TEST(ColourConsistency, DivergenceOfAKnownFramePair) {
  // Every channel of A sits in one bin; half of B's pixels moved to another: per channel
  // the pair [1, 0] / [0.5, 0.5], so the mean over R, G, B is that pair's value.
  const Image a = flat(0.2f, 0.4f, 0.6f);
  Image b = a;
  for (size_t i = 0; i < b.pixelCount() / 2; ++i)
    for (int c = 0; c < 3; ++c) b.pixels[i * 3 + c] = 0.9f;
  EXPECT_NEAR(histogramDivergence(channelHistograms(a), channelHistograms(b)), kHalfAgainstOne, 1e-12);
  EXPECT_DOUBLE_EQ(histogramDivergence(channelHistograms(a), channelHistograms(a)), 0.0);
}

TEST(ColourConsistency, CdcAveragesStepsOneTwoFourAndNeverCrossesACut) {
  // Frames 1-4 one colour, 5-8 another: only pairs across frame 5 differ.
  std::vector<int> frames;
  std::vector<ChannelHistograms> h;
  const Image a = flat(0.2f, 0.4f, 0.6f);
  Image b = a;
  for (size_t i = 0; i < b.pixelCount() / 2; ++i)
    for (int c = 0; c < 3; ++c) b.pixels[i * 3 + c] = 0.9f;
  for (int f = 1; f <= 8; ++f) frames.push_back(f), h.push_back(channelHistograms(f < 5 ? a : b));
  const CdcResult whole = colourDistributionConsistency(frames, h);
  EXPECT_EQ(whole.pairs[0], 7);
  EXPECT_EQ(whole.pairs[1], 6);
  EXPECT_EQ(whole.pairs[2], 4);
  // Step 1: one of 7 pairs crosses; step 2: two of 6; step 4: all 4.
  EXPECT_NEAR(whole.byStep[0], kHalfAgainstOne / 7, 1e-12);
  EXPECT_NEAR(whole.byStep[1], 2 * kHalfAgainstOne / 6, 1e-12);
  EXPECT_NEAR(whole.byStep[2], kHalfAgainstOne, 1e-12);
  EXPECT_NEAR(whole.cdc, (whole.byStep[0] + whole.byStep[1] + whole.byStep[2]) / 3, 1e-15);
  const CdcResult split = colourDistributionConsistency(frames, h, {5});
  EXPECT_DOUBLE_EQ(split.cdc, 0.0);
  EXPECT_EQ(split.pairs[0], 6);
  EXPECT_EQ(split.pairs[2], 0);  // a 4-frame shot has no pair 4 apart
  EXPECT_TRUE(split.measured());
  EXPECT_EQ(shotIndexOf(4, {5}), 0);
  EXPECT_EQ(shotIndexOf(5, {5}), 1);
  EXPECT_THROW(colourDistributionConsistency({1, 2}, {h[0]}), InputError);
}

TEST(ColourConsistency, CompareMeasuresCdcWarpErrorOfTheSourceAndSplitsAtCuts) {
  // B: a steady pan (the clean original); source: its luma alone (a faded print);
  // A: B with a colour flicker that leaves luma alone (a frame-by-frame recovery).
  const auto readB = [](int f) { return panFrame(f); };
  const auto readS = [](int f) { return grey(panFrame(f)); };
  const auto readA = [](int f) { return chromaGain(panFrame(f), f % 2 ? 0.6f : 1.0f); };
  CompareOptions options;
  options.grain = false;
  options.deltaE = false;
  options.cuts = {5};
  const SequenceMetrics m = compareSequences(readA, readB, readS, {1, 2, 3, 4, 5, 6, 7, 8}, options);
  // Pairs (1,2)..(3,4) and (5,6)..(7,8): the pair across the cut is not measured.
  ASSERT_EQ(m.temporal.size(), 6u);
  for (const auto& t : m.temporal) EXPECT_NE(t.frame, 5);
  ASSERT_EQ(m.shots.size(), 2u);
  EXPECT_EQ(m.shots[0].first, 1);
  EXPECT_EQ(m.shots[0].last, 4);
  EXPECT_EQ(m.shots[1].first, 5);
  EXPECT_EQ(m.shots[1].pairs, 3);
  // Warp error: the source and B follow the motion; A's colour flicker does not.
  const TemporalSummary& s = m.temporalSummary;
  EXPECT_LT(s.meanWarpErrorB, 2e-4);
  EXPECT_LT(s.meanWarpErrorSource, 2e-4);
  EXPECT_GT(s.meanWarpErrorA, 5.0 * s.meanWarpErrorB);
  // In the chroma alone: the grey source has none to flicker, A's is all flicker.
  EXPECT_LT(s.meanChromaWarpErrorSource, 1e-9);
  EXPECT_GT(s.meanChromaWarpErrorA, 5.0 * s.meanChromaWarpErrorB);
  EXPECT_GT(m.shots[0].chromaWarpErrorA, 5.0 * m.shots[0].chromaWarpErrorB);
  // CDC: the pan shifts B's histograms a little, the flicker far more.
  EXPECT_TRUE(m.cdcA.measured());
  EXPECT_TRUE(m.cdcSource.measured());
  EXPECT_GT(m.cdcA.cdc, 3.0 * m.cdcB.cdc);
  EXPECT_GT(m.cdcA.cdc, 0.01);
  EXPECT_LT(m.cdcB.cdc, 0.01);
  // And the same in JSON.
  const auto j = toJson(m);
  EXPECT_DOUBLE_EQ(j["cdc"]["a"]["cdc"].get<double>(), m.cdcA.cdc);
  EXPECT_EQ(j["shots"].size(), 2u);
  EXPECT_EQ(j["cuts"][0].get<int>(), 5);
  EXPECT_NE(formatTable(m).find("CDC"), std::string::npos);
}

TEST(ColourConsistency, SteadyCopyHasTheReferencesCdc) {
  // A identical to B: the same CDC (the pan's own), and a warp error equal to B's.
  const auto read = [](int f) { return panFrame(f); };
  CompareOptions options;
  options.grain = false;
  options.deltaE = false;
  const SequenceMetrics m = compareSequences(read, read, {}, {1, 2, 3, 4, 5, 6}, options);
  EXPECT_DOUBLE_EQ(m.cdcA.cdc, m.cdcB.cdc);
  EXPECT_GT(m.cdcB.cdc, 0.0);
  EXPECT_DOUBLE_EQ(m.temporalSummary.meanWarpErrorA, m.temporalSummary.meanWarpErrorB);
  EXPECT_EQ(m.shots.size(), 1u);
  EXPECT_FALSE(m.cdcSource.measured());
}
