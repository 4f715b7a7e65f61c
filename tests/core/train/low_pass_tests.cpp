// The loss blur: a Gaussian that keeps what a softer reference resolves and removes what it
// cannot, so the training loss ignores detail finer than the reference.
#include <gtest/gtest.h>

#include "core/train/low_pass.h"
#include "core/train/train_step.h"

namespace filmrecover {

TEST(GaussianLowPass, KeepsConstantsAndRampsAndRemovesFineDetail) {
  const auto flat = torch::full({1, 2, 20, 24}, 0.37f);
  EXPECT_TRUE(torch::allclose(gaussianLowPass(flat, 1.5), flat, 1e-6, 1e-6));
  // A horizontal ramp stays a ramp away from the (repeated) edges.
  const auto ramp = torch::linspace(0, 1, 24).view({1, 1, 1, 24}).expand({1, 1, 20, 24}).contiguous();
  const auto blurredRamp = gaussianLowPass(ramp, 1.0);
  EXPECT_TRUE(torch::allclose(blurredRamp.slice(3, 4, 20), ramp.slice(3, 4, 20), 1e-5, 1e-5));
  // A one-pixel checkerboard is beyond any reference coarser than the source: gone.
  const auto yy = torch::arange(20).view({20, 1}), xx = torch::arange(24).view({1, 24});
  const auto checker = ((yy + xx) % 2).to(torch::kFloat32).view({1, 1, 20, 24}) - 0.5f;
  EXPECT_LT(gaussianLowPass(checker, 1.5).slice(2, 5, 15).slice(3, 5, 19).abs().max().item<float>(), 0.01f);
  EXPECT_TRUE(torch::equal(gaussianLowPass(checker, 0.0), checker));  // 0 = off
}

TEST(TrainingLoss, LossBlurIgnoresDetailFinerThanTheReferenceButNotColour) {
  const auto target = torch::full({2, 2, 32, 32}, 0.1f);
  const auto yy = torch::arange(32).view({32, 1}), xx = torch::arange(32).view({1, 32});
  const auto grain = (((yy + xx) % 2).to(torch::kFloat32) - 0.5f) * 0.2f;  // the source's own fine chroma
  const auto detailed = target + grain.view({1, 1, 32, 32});
  EXPECT_NEAR(trainingLoss(detailed, target, LossKind::L1, 0.0).item<double>(), 0.1, 1e-6);
  EXPECT_LT(trainingLoss(detailed, target, LossKind::L1, 0.0, 1.5).item<double>(), 0.01);
  // A colour cast is still seen in full.
  EXPECT_NEAR(trainingLoss(target + 0.05f, target, LossKind::L1, 0.0, 1.5).item<double>(), 0.05, 1e-5);
}

}  // namespace filmrecover
