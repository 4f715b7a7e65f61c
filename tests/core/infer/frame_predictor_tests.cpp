#include <gtest/gtest.h>

#include <cmath>

#include "core/color/chroma_guide.h"
#include "core/color/ycbcr.h"
#include "core/dataset/channel_layout.h"
#include "core/exec/errors.h"
#include "core/infer/frame_predictor.h"
#include "core/infer/tile_plan.h"
#include "tests/core/infer/infer_test_models.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

namespace {

InferSettings fp32Tiles(int tile) {
  InferSettings s;
  s.tileSize = tile;
  s.context = 32;
  s.feather = 16;
  s.precision = Precision::Float32;
  s.threads = 1;
  return s;
}

double maxAbsDiff(const Image& a, const Image& b) {
  double m = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) m = std::max(m, double(std::abs(a.pixels[i] - b.pixels[i])));
  return m;
}

}  // namespace

TEST(TilePlan, CoversEveryPixelWithAlignedStarts) {
  for (int length : {128, 132, 400, 1000, 2160}) {
    const auto spans = planTiles(length, 128, 32, 16);
    std::vector<float> sum(length, 0.0f);
    for (const auto& s : spans) {
      EXPECT_EQ(s.start % 4, 0);
      EXPECT_LE(s.start + static_cast<int>(s.weight.size()), length);
      for (size_t i = 0; i < s.weight.size(); ++i) sum[s.start + i] += s.weight[i];
    }
    for (int i = 0; i < length; ++i) ASSERT_GT(sum[i], 0.0f) << "length " << length << " pixel " << i;
  }
}

TEST(FramePredictor, TiledEqualsUntiled) {
  test::TempDir dir("infer");
  const auto model = test::saveRandomModel(dir.file("m.frm"), RecoveryMode::Chroma);
  FramePredictor p(model, fp32Tiles(128));
  // Not a multiple of 4 nor of the tile stride: padding and a shifted last tile are exercised.
  const Image input = networkInput(rgbToYCbCr(test::makeTestPattern(301, 263, 5)), RecoveryMode::Chroma);
  const Image untiled = p.predict(input, false);
  const Image tiled = p.predict(input, true);
  ASSERT_EQ(tiled.width, 301);
  ASSERT_EQ(tiled.channels, 2);
  EXPECT_LT(maxAbsDiff(tiled, untiled), 1e-4);
  // The network really changes the picture (the comparison is not trivially equal).
  EXPECT_GT(maxAbsDiff(untiled, selectChannels(input, {1, 2})), 1e-3);
}

TEST(FramePredictor, ChromaKeepsSourceLumaAndSpatialKeepsSourceChroma) {
  test::TempDir dir("infer");
  const Image rgb = test::makeTestPattern(96, 72, 8);
  const Image ycc = rgbToYCbCr(rgb);
  {
    FramePredictor p(test::saveRandomModel(dir.file("c.frm"), RecoveryMode::Chroma), fp32Tiles(512));
    const Image out = p.processYcc(ycc);
    for (size_t i = 0; i < out.pixelCount(); ++i) ASSERT_EQ(out.pixels[i * 3], ycc.pixels[i * 3]);
    const Image outRgb = rgbToYCbCr(p.process(rgb));
    double maxDy = 0, maxDc = 0;
    for (size_t i = 0; i < out.pixelCount(); ++i) {
      maxDy = std::max(maxDy, double(std::abs(outRgb.pixels[i * 3] - ycc.pixels[i * 3])));
      maxDc = std::max(maxDc, double(std::abs(outRgb.pixels[i * 3 + 1] - ycc.pixels[i * 3 + 1])));
    }
    EXPECT_LT(maxDy, 1e-5) << "luma identity through R'G'B'";
    EXPECT_GT(maxDc, 1e-3) << "chroma was changed";
  }
  {
    FramePredictor p(test::saveRandomModel(dir.file("s.frm"), RecoveryMode::Spatial), fp32Tiles(512));
    const Image out = p.processYcc(ycc);
    double maxDy = 0;
    for (size_t i = 0; i < out.pixelCount(); ++i) {
      ASSERT_EQ(out.pixels[i * 3 + 1], ycc.pixels[i * 3 + 1]);
      ASSERT_EQ(out.pixels[i * 3 + 2], ycc.pixels[i * 3 + 2]);
      maxDy = std::max(maxDy, double(std::abs(out.pixels[i * 3] - ycc.pixels[i * 3])));
    }
    EXPECT_GT(maxDy, 1e-3) << "luma was changed";
  }
}

TEST(FramePredictor, MixZeroGivesTheSourceAndHalfMixIsHalfway) {
  test::TempDir dir("infer");
  const auto model = test::saveRandomModel(dir.file("c.frm"), RecoveryMode::Chroma);
  const Image ycc = rgbToYCbCr(test::makeTestPattern(64, 48, 2));
  InferSettings full = fp32Tiles(512), none = fp32Tiles(512), half = fp32Tiles(512);
  none.mix = 0.0f;
  half.mix = 0.5f;
  const Image a = FramePredictor(model, full).processYcc(ycc);
  const Image z = FramePredictor(model, none).processYcc(ycc);
  const Image h = FramePredictor(model, half).processYcc(ycc);
  EXPECT_LT(maxAbsDiff(z, ycc), 1e-7);
  for (size_t i = 0; i < ycc.pixels.size(); ++i)
    ASSERT_NEAR(h.pixels[i], 0.5f * (a.pixels[i] + ycc.pixels[i]), 1e-5f);
}

TEST(FramePredictor, TheChromaGuideFiltersTheRecoveredColourOfColourModelsOnly) {
  test::TempDir dir("infer");
  const Image ycc = rgbToYCbCr(test::makeTestPattern(80, 56, 6));
  InferSettings guided = fp32Tiles(512), plain = fp32Tiles(512);
  guided.chromaGuide = {2, 1e-3};
  plain.chromaGuide.radius = 0;
  for (const RecoveryMode mode : {RecoveryMode::Chroma, RecoveryMode::Combined}) {
    const auto model = test::saveRandomModel(dir.file(toString(mode) + ".frm"), mode);
    const FramePredictor withGuide(model, guided), without(model, plain);
    EXPECT_TRUE(withGuide.guidesChroma());
    EXPECT_FALSE(without.guidesChroma());
    // The guided output is the unguided one through the guide: its luma unchanged.
    Image expected = without.processYcc(ycc);
    guideChromaByLuma(expected, guided.chromaGuide);
    const Image out = withGuide.processYcc(ycc);
    EXPECT_LT(maxAbsDiff(out, expected), 1e-6) << toString(mode);
    EXPECT_GT(maxAbsDiff(out, without.processYcc(ycc)), 1e-4) << toString(mode) << ": the guide changed nothing";
  }
  // A spatial model's colour is the source's: nothing to guide.
  const auto spatial = test::saveRandomModel(dir.file("s.frm"), RecoveryMode::Spatial);
  EXPECT_FALSE(FramePredictor(spatial, guided).guidesChroma());
  EXPECT_EQ(FramePredictor(spatial, guided).processYcc(ycc).pixels, FramePredictor(spatial, plain).processYcc(ycc).pixels);
}

TEST(FramePredictor, Bf16IsCloseToFloat32) {
  test::TempDir dir("infer");
  const auto model = test::saveRandomModel(dir.file("c.frm"), RecoveryMode::Chroma);
  InferSettings bf = fp32Tiles(512);
  bf.precision = Precision::BFloat16;
  const Image ycc = rgbToYCbCr(test::makeTestPattern(64, 64, 4));
  EXPECT_LT(maxAbsDiff(FramePredictor(model, bf).processYcc(ycc),
                       FramePredictor(model, fp32Tiles(512)).processYcc(ycc)), 0.02);
}

TEST(FramePredictor, BadModelAndSettingsAreInputErrors) {
  test::TempDir dir("infer");
  EXPECT_THROW(FramePredictor(dir.file("nope.frm"), InferSettings{}), InputError);
  const auto model = test::saveRandomModel(dir.file("c.frm"), RecoveryMode::Chroma);
  EXPECT_THROW(FramePredictor(model, InferSettings{}, RecoveryMode::Spatial), InputError);
  InferSettings bad;
  bad.tileSize = 130;
  EXPECT_THROW(FramePredictor(model, bad), InputError);
  bad = InferSettings{};
  bad.mix = 1.5f;
  EXPECT_THROW(FramePredictor(model, bad), InputError);
  bad = InferSettings{};
  bad.chromaGuide.radius = 9;
  EXPECT_THROW(FramePredictor(model, bad), InputError);
}
