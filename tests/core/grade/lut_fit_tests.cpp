#include <gtest/gtest.h>

#include <chrono>

#include "core/exec/errors.h"
#include "core/grade/log_shaper.h"
#include "core/grade/lut_fit.h"
#include "tests/core/grade/grade_test_images.h"

using namespace filmrecover;
using namespace filmrecover::grade;
using filmrecover::test::applyRestore;
using filmrecover::test::makeColourField;
using filmrecover::test::psnrOf;

TEST(LogShaper, InverseUndoesForwardAndEndsAreFixed) {
  const LogShaper s(6.0f);
  EXPECT_FLOAT_EQ(s.forward(0.0f), 0.0f);
  EXPECT_FLOAT_EQ(s.forward(1.0f), 1.0f);
  for (float x : {0.01f, 0.1f, 0.5f, 0.9f}) EXPECT_NEAR(s.inverse(s.forward(x)), x, 1e-6f);
  EXPECT_GT(s.forward(0.1f), 0.1f * 2.0f) << "shadows get more of the lattice";
  EXPECT_FLOAT_EQ(s.forward(1.5f), 1.0f) << "clamped to the lattice domain";
}

TEST(Lut3D, IdentityReproducesItsInputWithAndWithoutPreSpace) {
  for (float strength : {0.0f, 6.0f}) {
    const Lut3D lut = Lut3D::identity(17, strength);
    for (float v : {0.0f, 0.013f, 0.27f, 0.5f, 0.999f}) {
      const auto out = lut.apply(v, 1.0f - v, 0.5f * v);
      // The pre-space interpolates a curved node spacing linearly: exact at nodes, close between.
      EXPECT_NEAR(out[0], v, 2e-3f);
      EXPECT_NEAR(out[1], 1.0f - v, 2e-3f);
      EXPECT_NEAR(out[2], 0.5f * v, 2e-3f);
    }
  }
}

TEST(LutFit, ReproducesAKnownGlobalTransformOnHeldOutFrames) {
  std::vector<Image> sources, targets;
  for (unsigned seed : {1u, 3u, 5u, 7u}) {
    sources.push_back(makeColourField(160, 120, seed));
    targets.push_back(applyRestore(sources.back()));
  }
  std::vector<LutTrainingPair> pairs;
  for (size_t i = 0; i < sources.size(); ++i) pairs.push_back({&sources[i], &targets[i]});
  LutFitReport report;
  const auto t0 = std::chrono::steady_clock::now();
  const Lut3D lut = fitLut(pairs, LutFitOptions{}, &report);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(lut.size, 33);
  EXPECT_LT(report.rmsError, 0.01);
  EXPECT_LT(seconds, 20.0);
  for (unsigned seed : {2u, 4u, 6u}) {
    const Image held = makeColourField(160, 120, seed);
    const Image truth = applyRestore(held);
    const double before = psnrOf(held, truth);
    const double after = psnrOf(applyLut(lut, held), truth);
    EXPECT_GT(after, 40.0) << "held-out frame " << seed << " (before " << before << " dB)";
    EXPECT_LT(before, 30.0);
  }
}

TEST(LutFit, SixtyFiveNodeLatticeAlsoFitsAndSmoothlyFillsUnseenColours) {
  const Image src = makeColourField(96, 72, 11);
  const Image dst = applyRestore(src);
  LutFitOptions options;
  options.size = 65;
  options.maxIterations = 150;
  const Lut3D lut = fitLut({{&src, &dst}}, options);
  EXPECT_EQ(lut.size, 65);
  EXPECT_GT(psnrOf(applyLut(lut, src), dst), 40.0);
  // Every node is finite and near the gamut even in regions no pair covered.
  for (float v : lut.table) {
    ASSERT_TRUE(std::isfinite(v));
    EXPECT_GT(v, -0.5f);
    EXPECT_LT(v, 1.5f);
  }
}

TEST(LutFit, CannotFixASpatiallyVaryingFade) {
  std::vector<Image> sources, targets;
  for (unsigned seed : {1u, 3u, 5u}) {
    sources.push_back(makeColourField(160, 120, seed));
    targets.push_back(applyRestore(sources.back(), /*spatial=*/true));
  }
  std::vector<LutTrainingPair> pairs;
  for (size_t i = 0; i < sources.size(); ++i) pairs.push_back({&sources[i], &targets[i]});
  const Lut3D lut = fitLut(pairs);
  const Image held = makeColourField(160, 120, 4);
  const double after = psnrOf(applyLut(lut, held), applyRestore(held, true));
  EXPECT_LT(after, 35.0) << "a global LUT cannot undo a fade that changes across the frame";
}

TEST(LutFit, CropLimitsTheTrainingPixels) {
  Image src = makeColourField(64, 64, 2);
  Image dst = applyRestore(src);
  // Poison the right half of the target: a crop that leaves it out must not notice it.
  for (int y = 0; y < 64; ++y)
    for (int x = 32; x < 64; ++x) dst.at(x, y, 0) = 1.0f - dst.at(x, y, 0);
  LutFitOptions options;
  options.size = 17;
  options.crop = Rect{0, 0, 32, 64};
  LutFitReport report;
  fitLut({{&src, &dst}}, options, &report);
  EXPECT_EQ(report.samples, 32u * 64u);
  EXPECT_LT(report.rmsError, 0.01);
}

TEST(LutFit, BadInputIsAnInputError) {
  const Image a(10, 10, 3, 0.5f), b(12, 10, 3, 0.5f);
  EXPECT_THROW(fitLut({}), InputError);
  EXPECT_THROW(fitLut({{&a, &b}}), InputError);
  LutFitOptions options;
  options.crop = Rect{50, 50, 60, 60};
  EXPECT_THROW(fitLut({{&a, &a}}, options), InputError);
}
