#include <gtest/gtest.h>

#include <cmath>

#include "core/color/ycbcr.h"
#include "core/dataset/channel_layout.h"
#include "core/dataset/training_pair.h"
#include "core/exec/errors.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

TEST(TrainingPair, ChromaTakesSourceYCbCrAndReferenceCbCr) {
  const Image source = test::makeTestPattern(40, 30, 1);
  const Image reference = test::makeTestPattern(40, 30, 2);
  PairSettings s;
  s.mode = RecoveryMode::Chroma;
  s.clampHighlights = false;
  const TrainingPair p = buildTrainingPair(7, source, reference, nullptr, s);
  ASSERT_EQ(p.input.channels, 3);
  ASSERT_EQ(p.target.channels, 2);
  const Image sy = rgbToYCbCr(source), ry = rgbToYCbCr(reference);
  EXPECT_EQ(p.frame, 7);
  EXPECT_FLOAT_EQ(p.input.at(5, 6, 0), sy.at(5, 6, 0));
  EXPECT_FLOAT_EQ(p.input.at(5, 6, 2), sy.at(5, 6, 2));
  EXPECT_FLOAT_EQ(p.target.at(5, 6, 0), ry.at(5, 6, 1));
  EXPECT_FLOAT_EQ(p.target.at(5, 6, 1), ry.at(5, 6, 2));
}

TEST(TrainingPair, SpatialTakesLumaOnlyAndCombinedMixesTwoReferences) {
  const Image source = test::makeTestPattern(20, 20, 1);
  const Image chroma = test::makeTestPattern(20, 20, 2);
  const Image detail = test::makeTestPattern(20, 20, 3);
  PairSettings s;
  s.clampHighlights = false;
  s.mode = RecoveryMode::Spatial;
  const TrainingPair sp = buildTrainingPair(1, source, detail, nullptr, s);
  EXPECT_EQ(sp.input.channels, 1);
  EXPECT_EQ(sp.target.channels, 1);
  EXPECT_FLOAT_EQ(sp.target.at(3, 4, 0), rgbToYCbCr(detail).at(3, 4, 0));
  s.mode = RecoveryMode::Combined;
  const TrainingPair cb = buildTrainingPair(1, source, chroma, &detail, s);
  ASSERT_EQ(cb.target.channels, 3);
  EXPECT_FLOAT_EQ(cb.target.at(3, 4, 0), rgbToYCbCr(detail).at(3, 4, 0));
  EXPECT_FLOAT_EQ(cb.target.at(3, 4, 1), rgbToYCbCr(chroma).at(3, 4, 1));
  EXPECT_FLOAT_EQ(cb.target.at(3, 4, 2), rgbToYCbCr(chroma).at(3, 4, 2));
}

TEST(TrainingPair, CropsToTheValidAreaAndClampsHighlights) {
  Image source(30, 20, 3, 0.5f), reference(30, 20, 3, 0.5f);
  reference.at(10, 5, 0) = 4.0f;  // a specular far above 1
  PairSettings s;
  s.validArea = Rect{4, 2, 24, 18};
  const TrainingPair p = buildTrainingPair(1, source, reference, nullptr, s);
  EXPECT_EQ(p.input.width, 20);
  EXPECT_EQ(p.input.height, 16);
  float maxCr = -1;
  for (int y = 0; y < p.target.height; ++y)
    for (int x = 0; x < p.target.width; ++x) maxCr = std::max(maxCr, p.target.at(x, y, 1));
  float r, g, b;
  yCbCrToRgb(0.5f, 0.0f, maxCr, r, g, b);
  EXPECT_NEAR(maxCr, (1.0f - luma709(1.0f, 0.5f, 0.5f)) / (2 * (1 - kRec709Kr)), 1e-5f)
      << "the red channel was clamped to 1 before the split";
}

TEST(TrainingPair, MedianPrefilterRemovesDustFromTheReferenceOnly) {
  Image source(16, 16, 3, 0.3f), reference(16, 16, 3, 0.3f);
  source.at(8, 8, 0) = 0.9f;
  reference.at(8, 8, 0) = 0.9f;  // dust speck
  PairSettings s;
  s.mode = RecoveryMode::Spatial;
  s.medianPrefilter = 3;
  const TrainingPair p = buildTrainingPair(1, source, reference, nullptr, s);
  EXPECT_NEAR(p.target.at(8, 8, 0), 0.3f, 1e-6f);
  EXPECT_GT(p.input.at(8, 8, 0), 0.35f);
}

TEST(TrainingPair, SizeMismatchNamesTheFrame) {
  try {
    buildTrainingPair(1017, Image(10, 10, 3), Image(12, 10, 3), nullptr, PairSettings{});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("1017"), std::string::npos) << e.what();
  }
}

TEST(ChannelLayout, RecombineKeepsTheUnpredictedChannelsBitExact) {
  const Image ycc = rgbToYCbCr(test::makeTestPattern(17, 9, 4));
  Image cbcr(17, 9, 2, 0.123f);
  const Image chroma = recombinePrediction(ycc, cbcr, RecoveryMode::Chroma);
  Image y(17, 9, 1, 0.77f);
  const Image spatial = recombinePrediction(ycc, y, RecoveryMode::Spatial);
  for (int yy = 0; yy < 9; ++yy)
    for (int x = 0; x < 17; ++x) {
      EXPECT_EQ(chroma.at(x, yy, 0), ycc.at(x, yy, 0));
      EXPECT_EQ(chroma.at(x, yy, 1), 0.123f);
      EXPECT_EQ(spatial.at(x, yy, 1), ycc.at(x, yy, 1));
      EXPECT_EQ(spatial.at(x, yy, 2), ycc.at(x, yy, 2));
      EXPECT_EQ(spatial.at(x, yy, 0), 0.77f);
    }
}

TEST(RecoveryMode, ParsesNamesAndRejectsOthers) {
  EXPECT_EQ(parseRecoveryMode("spatial"), RecoveryMode::Spatial);
  EXPECT_EQ(nlohmann::json(RecoveryMode::Combined).get<std::string>(), "combined");
  EXPECT_THROW(parseRecoveryMode("colour", "--mode"), InputError);
  EXPECT_EQ(outputChannelCount(RecoveryMode::Chroma), 2);
  EXPECT_EQ(inputChannelCount(RecoveryMode::Spatial), 1);
}

TEST(PairSettings, JsonRoundTrip) {
  PairSettings s;
  s.mode = RecoveryMode::Combined;
  s.medianPrefilter = 5;
  s.clampHighlights = false;
  s.validArea = Rect{1, 2, 30, 40};
  EXPECT_EQ(nlohmann::json(s).get<PairSettings>(), s);
}
