#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/analysis/frame_metrics.h"
#include "core/analysis/grain_spectrum.h"
#include "core/analysis/image_stats.h"
#include "core/analysis/ssim.h"
#include "core/color/lab.h"
#include "core/exec/errors.h"
#include "tests/core/analysis/reference_runner.h"

using namespace filmrecover;
using namespace filmrecover::analysis;

namespace {

// A degraded copy: a box blur of 3, a colour cast, and noise; the kind of difference a
// restoration leaves against its reference.
Image degrade(const Image& in, unsigned seed) {
  Image out = in;
  std::mt19937 rng(seed);
  std::normal_distribution<float> noise(0.0f, 0.02f);
  for (int y = 0; y < in.height; ++y)
    for (int x = 0; x < in.width; ++x)
      for (int c = 0; c < 3; ++c) {
        float s = 0;
        int n = 0;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            const int xx = std::clamp(x + dx, 0, in.width - 1), yy = std::clamp(y + dy, 0, in.height - 1);
            s += in.at(xx, yy, c);
            ++n;
          }
        const float cast[3] = {1.05f, 0.97f, 0.9f};
        out.at(x, y, c) = std::clamp(cast[c] * s / n + noise(rng), 0.0f, 1.0f);
      }
  return out;
}

}  // namespace

TEST(FrameMetrics, PsnrSsimAndIdentityEqualTheNumpyReference) {
  test::TempDir dir("metrics");
  const Image b = test::makeTestPattern(96, 80, 3);
  const Image a = degrade(b, 7);
  Image source = a;  // a source whose chroma differs from A's (a chroma recovery)
  for (size_t i = 0; i < source.pixelCount(); ++i) {
    source.pixels[i * 3] *= 0.9f;
    source.pixels[i * 3 + 2] = std::min(1.0f, source.pixels[i * 3 + 2] * 1.1f + 0.01f);
  }
  const FrameMetrics m = compareFrames(a, b, &source);
  const auto ref = test::runReference({"96", "80", test::writeRaw(dir, "a.f32", a.pixels),
                                       test::writeRaw(dir, "b.f32", b.pixels), test::writeRaw(dir, "s.f32", source.pixels)});
  ASSERT_TRUE(ref.is_object()) << "the numpy reference script failed";
  EXPECT_NEAR(m.psnrRgb, ref["psnr_rgb"].get<double>(), 1e-3);
  EXPECT_NEAR(m.psnrLuma, ref["psnr_luma"].get<double>(), 1e-3);
  EXPECT_NEAR(m.psnrChroma, ref["psnr_chroma"].get<double>(), 1e-3);
  EXPECT_NEAR(m.ssim, ref["ssim"].get<double>(), 1e-3);
  EXPECT_NEAR(m.meanLumaA, ref["mean_luma_a"].get<double>(), 1e-6);
  EXPECT_NEAR(m.lumaIdentityMax, ref["luma_identity_max"].get<double>(), 1e-5);
  EXPECT_NEAR(m.chromaIdentityMax, ref["chroma_identity_max"].get<double>(), 1e-5);
  // Sanity of the values themselves: a real degradation, not a degenerate case.
  EXPECT_GT(m.psnrRgb, 15.0);
  EXPECT_LT(m.psnrRgb, 35.0);
  EXPECT_GT(m.ssim, 0.2);
  EXPECT_LT(m.ssim, 0.95);
}

TEST(FrameMetrics, SsimOfStructurallyDifferentImagesMatchesReferenceToo) {
  test::TempDir dir("metrics");
  const Image b = test::makeTestPattern(64, 48, 11);
  const Image a = test::makeTestPattern(64, 48, 12);
  const auto ref = test::runReference({"64", "48", test::writeRaw(dir, "a.f32", a.pixels),
                                       test::writeRaw(dir, "b.f32", b.pixels)});
  ASSERT_TRUE(ref.is_object());
  EXPECT_NEAR(ssim(a, b), ref["ssim"].get<double>(), 1e-3);
}

TEST(FrameMetrics, IdenticalFramesScoreTheMaximum) {
  const Image a = test::makeTestPattern(40, 30, 2);
  const FrameMetrics m = compareFrames(a, a, &a);
  EXPECT_DOUBLE_EQ(m.psnrRgb, kMaxPsnr);
  EXPECT_DOUBLE_EQ(m.psnrLuma, kMaxPsnr);
  EXPECT_NEAR(m.ssim, 1.0, 1e-9);
  EXPECT_DOUBLE_EQ(m.deltaE2000Mean, 0.0);
  EXPECT_DOUBLE_EQ(m.lumaIdentityMax, 0.0);
  EXPECT_DOUBLE_EQ(m.chromaIdentityMax, 0.0);
}

TEST(FrameMetrics, DeltaEMeanAndPercentileFollowCiede2000PerPixel) {
  // Half the pixels differ by a known colour pair, half are equal: mean = dE/2, and the
  // 95th percentile is the pair's CIEDE2000 itself.
  Image a(20, 10, 3, 0.5f), b(20, 10, 3, 0.5f);
  for (int y = 0; y < 10; ++y)
    for (int x = 0; x < 10; ++x) {
      a.at(x, y, 0) = 0.7f, a.at(x, y, 1) = 0.4f, a.at(x, y, 2) = 0.3f;
      b.at(x, y, 0) = 0.65f, b.at(x, y, 1) = 0.42f, b.at(x, y, 2) = 0.33f;
    }
  const double de = deltaE2000(rgbToLab(0.7f, 0.4f, 0.3f), rgbToLab(0.65f, 0.42f, 0.33f));
  const FrameMetrics m = compareFrames(a, b);
  EXPECT_GT(de, 1.0);
  EXPECT_NEAR(m.deltaE2000Mean, de / 2.0, 1e-9);
  EXPECT_NEAR(m.deltaE2000P95, de, 1e-9);
  EXPECT_NEAR(m.deltaE2000Mean, meanDeltaE2000(a, b), 1e-9);
}

TEST(ImageStats, PercentileEqualsNumpyLinearPercentile) {
  test::TempDir dir("metrics");
  std::mt19937 rng(5);
  std::exponential_distribution<double> dist(0.7);
  std::vector<double> values(1001);
  for (auto& v : values) v = dist(rng);
  const std::string path = dir.file("values.f64");
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(values.data()), values.size() * 8);
  const Image px(2, 2, 3, 0.5f);
  const auto ref = test::runReference({"2", "2", test::writeRaw(dir, "a.f32", px.pixels),
                                       test::writeRaw(dir, "b.f32", px.pixels), "--values", path});
  ASSERT_TRUE(ref.is_object());
  std::vector<double> copy = values;
  EXPECT_NEAR(percentile(copy, 95.0), ref["p95"].get<double>(), 1e-12);
  copy = values;
  EXPECT_NEAR(percentile(copy, 50.0), ref["p50"].get<double>(), 1e-12);
  std::vector<double> four{4, 1, 3, 2};
  EXPECT_DOUBLE_EQ(percentile(four, 95.0), 3.85);
}

TEST(FrameMetrics, MismatchedSizesAreInputErrors) {
  const Image a(10, 10, 3), b(11, 10, 3);
  EXPECT_THROW(compareFrames(a, b), InputError);
  EXPECT_THROW(compareFrames(a, a, &b), InputError);
  EXPECT_THROW(ssim(a, b), InputError);
}
