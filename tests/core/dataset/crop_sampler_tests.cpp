#include <gtest/gtest.h>

#include "core/dataset/crop_sampler.h"
#include "core/exec/errors.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

namespace {

// A frame whose border (outside the valid area) is marked with 100: any crop that samples
// outside the valid area shows values far above 1.
std::vector<TrainingPair> markedPairs() {
  std::vector<TrainingPair> pairs;
  for (int f = 1; f <= 3; ++f) {
    Image source = test::makeTestPattern(80, 60, f);
    Image reference = test::makeTestPattern(80, 60, f + 10);
    for (int y = 0; y < 60; ++y)
      for (int x = 0; x < 80; ++x)
        if (x < 10 || x >= 70 || y < 8 || y >= 52)
          for (int c = 0; c < 3; ++c) source.at(x, y, c) = reference.at(x, y, c) = 100.0f;
    PairSettings s;
    s.clampHighlights = false;
    s.validArea = Rect{10, 8, 70, 52};
    pairs.push_back(buildTrainingPair(f, source, reference, nullptr, s));
  }
  return pairs;
}

}  // namespace

TEST(CropSampler, CropsNeverSampleOutsideTheValidArea) {
  const auto pairs = markedPairs();
  CropSampler sampler(pairs, 32, AugmentationSettings{}, 5);
  for (int i = 0; i < 50; ++i) {
    const CropBatch b = sampler.next(4);
    ASSERT_EQ(b.input.size(), 4u * 3 * 32 * 32);
    for (float v : b.input) ASSERT_LT(std::abs(v), 5.0f);
    for (float v : b.target) ASSERT_LT(std::abs(v), 5.0f);
  }
}

TEST(CropSampler, SameSeedSameCropsAndStateRestoresExactly) {
  const auto pairs = markedPairs();
  CropSampler a(pairs, 24, AugmentationSettings{}, 42), b(pairs, 24, AugmentationSettings{}, 42);
  EXPECT_EQ(a.next(3).input, b.next(3).input);
  const std::string state = a.saveState();
  const CropBatch expected = a.next(2);
  CropSampler c(pairs, 24, AugmentationSettings{}, 999);
  c.loadState(state);
  const CropBatch resumed = c.next(2);
  EXPECT_EQ(resumed.input, expected.input);
  EXPECT_EQ(resumed.target, expected.target);
  CropSampler d(pairs, 24, AugmentationSettings{}, 43);
  EXPECT_NE(d.next(3).input, CropSampler(pairs, 24, AugmentationSettings{}, 42).next(3).input);
}

TEST(CropSampler, ExposureGainIsSharedByInputAndTargetAndStaysInRange) {
  // Input and target equal: any augmentation must keep them equal.
  std::vector<TrainingPair> pairs(1);
  pairs[0].frame = 1;
  pairs[0].input = Image(40, 40, 1, 0.5f);
  pairs[0].target = Image(40, 40, 1, 0.5f);
  AugmentationSettings aug;
  aug.exposure = 0.1;
  CropSampler sampler(pairs, 16, aug, 3);
  float lo = 1, hi = 0;
  for (int i = 0; i < 40; ++i) {
    const CropBatch b = sampler.next(1);
    EXPECT_EQ(b.input, b.target);
    lo = std::min(lo, b.input[0]);
    hi = std::max(hi, b.input[0]);
  }
  EXPECT_GE(lo, 0.45f - 1e-6f);
  EXPECT_LE(hi, 0.55f + 1e-6f);
  EXPECT_GT(hi - lo, 0.03f) << "exposure varies";
}

TEST(CropSampler, CropLargerThanTheValidAreaNamesTheFrame) {
  const auto pairs = markedPairs();
  try {
    CropSampler s(pairs, 64, AugmentationSettings{}, 1);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("frame 1"), std::string::npos) << e.what();
  }
}

TEST(CropSampler, EvaluationCropsAreMultiplesOfFourInsideTheArea) {
  const auto pairs = markedPairs();
  std::vector<CropBatch> crops;
  appendEvaluationCrops(pairs[0], 32, 4, crops);
  ASSERT_FALSE(crops.empty());
  for (const auto& c : crops) {
    EXPECT_EQ(c.width % 4, 0);
    EXPECT_EQ(c.height % 4, 0);
    for (float v : c.input) ASSERT_LT(std::abs(v), 5.0f);
  }
}
