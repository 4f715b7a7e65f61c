#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/analysis/grain_spectrum.h"
#include "tests/core/analysis/reference_runner.h"

using namespace filmrecover;
using namespace filmrecover::analysis;

namespace {

// A frame with picture content in one half (a sharp checker) and flat shaded grey in the
// other, with grain of standard deviation `sigma`; `soften` blurs the grain (1-2-1) so
// its spectrum falls off at high frequencies.
Image grainyFrame(int w, int h, float sigma, unsigned seed, bool soften = false) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> g(0.0f, sigma);
  std::vector<float> noise(static_cast<size_t>(w) * h);
  for (auto& n : noise) n = g(rng);
  if (soften) {
    std::vector<float> tmp(noise.size());
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const auto at = [&](int xx, int yy) { return noise[static_cast<size_t>(std::clamp(yy, 0, h - 1)) * w + std::clamp(xx, 0, w - 1)]; };
        tmp[static_cast<size_t>(y) * w + x] = (at(x - 1, y) + 2 * at(x, y) + at(x + 1, y)) / 4.0f;
      }
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const auto at = [&](int xx, int yy) { return tmp[static_cast<size_t>(std::clamp(yy, 0, h - 1)) * w + std::clamp(xx, 0, w - 1)]; };
        noise[static_cast<size_t>(y) * w + x] = (at(x, y - 1) + 2 * at(x, y) + at(x, y + 1)) / 4.0f;
      }
  }
  Image img(w, h, 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const float base = x < w / 2 ? (((x / 8 + y / 8) % 2) ? 0.8f : 0.2f) : 0.35f + 0.2f * y / h;
      for (int c = 0; c < 3; ++c) img.at(x, y, c) = base + noise[static_cast<size_t>(y) * w + x];
    }
  return img;
}

}  // namespace

TEST(GrainSpectrum, BlockSpectrumEqualsTheNumpyReference) {
  test::TempDir dir("grain");
  std::mt19937 rng(3);
  std::normal_distribution<float> g(0.0f, 0.05f);
  std::vector<float> patch(32 * 32);
  for (int y = 0; y < 32; ++y)
    for (int x = 0; x < 32; ++x) patch[y * 32 + x] = 0.4f + 0.003f * x - 0.002f * y + 0.02f * std::sin(0.9f * x) + g(rng);
  const NoisePowerSpectrum nps = blockNoisePowerSpectrum(patch, 32, 8);
  const Image px(2, 2, 3, 0.5f);
  const auto ref = test::runReference({"2", "2", test::writeRaw(dir, "a.f32", px.pixels), test::writeRaw(dir, "b.f32", px.pixels),
                                       "--patch", test::writeRaw(dir, "p.f32", patch), "32", "8"});
  ASSERT_TRUE(ref.is_object());
  const auto power = ref["nps_power"].get<std::vector<double>>();
  ASSERT_EQ(power.size(), nps.power.size());
  for (size_t i = 0; i < power.size(); ++i) EXPECT_NEAR(nps.power[i], power[i], 1e-3 * std::max(1e-6, power[i])) << "bin " << i;
  EXPECT_NEAR(nps.rms, ref["nps_rms"].get<double>(), 1e-6);
}

TEST(GrainSpectrum, WhiteGrainReadsItsStandardDeviationOnFlatBlocks) {
  const Image frame = grainyFrame(512, 256, 0.02f, 1);
  const auto blocks = findFlatBlocks(frame);
  ASSERT_FALSE(blocks.empty());
  for (const Rect& r : blocks) EXPECT_GE(r.x0, 256) << "a block on the checker is not flat";
  GrainAccumulator acc;
  acc.add(frame, blocks);
  const NoisePowerSpectrum nps = acc.result();
  // Luma of identical noise in R, G, B is that noise: sigma 0.02.
  EXPECT_NEAR(nps.rms, 0.02, 0.0015);
  // White: the same power at low and high frequencies.
  EXPECT_NEAR(nps.power[3] / nps.power[12], 1.0, 0.35);
}

TEST(GrainSpectrum, ComparisonSeesStrengthAndTexture) {
  const Image b = grainyFrame(512, 256, 0.02f, 1);
  const Image a = grainyFrame(512, 256, 0.04f, 2);
  const Image soft = grainyFrame(512, 256, 0.04f, 3, /*soften=*/true);
  const auto blocks = findFlatBlocks(b);
  GrainAccumulator accA, accB, accSoft;
  accA.add(a, blocks);
  accB.add(b, blocks);
  accSoft.add(soft, blocks);
  const GrainComparison twice = compareGrain(accA.result(), accB.result());
  EXPECT_NEAR(twice.rmsRatio, 2.0, 0.12);
  EXPECT_NEAR(twice.spectralDistanceDb, 10 * std::log10(4.0), 0.8);
  const GrainComparison same = compareGrain(accB.result(), accB.result());
  EXPECT_DOUBLE_EQ(same.spectralDistanceDb, 0.0);
  // Softened grain loses power at high frequencies: its spectrum falls.
  const NoisePowerSpectrum s = accSoft.result();
  EXPECT_GT(s.power[1], 10.0 * s.power[14]);
}

TEST(GrainSpectrum, GrainLevelAgainstLumaFollowsDensity) {
  // Flat grey blocks at two luma levels, the darker with twice the grain (as film grain
  // varies with density): each band reads its own level, empty bands read NaN.
  const int w = 512, h = 128;
  std::mt19937 rng(5);
  std::normal_distribution<float> g(0.0f, 1.0f);
  Image img(w, h, 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const bool dark = x < w / 2;
      const float v = (dark ? 0.30f : 0.70f) + (dark ? 0.03f : 0.015f) * g(rng);
      for (int c = 0; c < 3; ++c) img.at(x, y, c) = v;
    }
  GrainOptions o;
  o.flatFraction = 1.0;
  GrainAccumulator acc(o);
  acc.add(img, findFlatBlocks(img, o));
  const NoisePowerSpectrum nps = acc.result();
  ASSERT_EQ(nps.rmsByLuma.size(), static_cast<size_t>(kGrainLumaBands));
  ASSERT_EQ(nps.lumaBandCentre.size(), static_cast<size_t>(kGrainLumaBands));
  EXPECT_DOUBLE_EQ(nps.lumaBandCentre[0], 0.0625);
  EXPECT_NEAR(nps.rmsByLuma[2], 0.03, 0.003);   // Y' 0.30 is in band [0.25, 0.375)
  EXPECT_NEAR(nps.rmsByLuma[5], 0.015, 0.0015); // Y' 0.70 is in band [0.625, 0.75)
  EXPECT_TRUE(std::isnan(nps.rmsByLuma[0]));
  EXPECT_TRUE(std::isnan(nps.rmsByLuma[7]));
}
