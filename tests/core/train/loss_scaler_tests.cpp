#include <gtest/gtest.h>

#include <limits>

#include "core/train/loss_scaler.h"

using namespace filmrecover;

namespace {

std::vector<torch::Tensor> paramsWithGrads(float g0, float g1) {
  auto a = torch::zeros({3}, torch::requires_grad()), b = torch::zeros({2, 2}, torch::requires_grad());
  a.mutable_grad() = torch::full({3}, g0);
  b.mutable_grad() = torch::full({2, 2}, g1);
  return {a, b};
}

}  // namespace

TEST(LossScaler, ScalesTheLossAndUnscalesTheGradients) {
  LossScaler s(true, 1024.0, 2000);
  EXPECT_DOUBLE_EQ(s.scale(torch::tensor(0.5)).item<double>(), 512.0);
  auto p = paramsWithGrads(2048.0f, -1024.0f);
  EXPECT_TRUE(s.unscale(p));
  EXPECT_FLOAT_EQ(p[0].grad()[0].item<float>(), 2.0f);
  EXPECT_FLOAT_EQ(p[1].grad()[1][1].item<float>(), -1.0f);
  EXPECT_DOUBLE_EQ(s.scaleValue(), 1024.0);
}

TEST(LossScaler, AnOverflowSkipsTheStepAndHalvesTheScale) {
  LossScaler s(true, 1024.0, 2000);
  auto p = paramsWithGrads(1.0f, std::numeric_limits<float>::infinity());
  EXPECT_FALSE(s.unscale(p));
  EXPECT_DOUBLE_EQ(s.scaleValue(), 512.0);
  auto nan = paramsWithGrads(std::numeric_limits<float>::quiet_NaN(), 1.0f);
  EXPECT_FALSE(s.unscale(nan));
  EXPECT_DOUBLE_EQ(s.scaleValue(), 256.0);
}

TEST(LossScaler, GrowsAfterTheGrowthIntervalOfGoodSteps) {
  LossScaler s(true, 8.0, 3);
  for (int i = 0; i < 2; ++i) {
    auto p = paramsWithGrads(1.0f, 1.0f);
    EXPECT_TRUE(s.unscale(p));
  }
  EXPECT_DOUBLE_EQ(s.scaleValue(), 8.0);
  auto p = paramsWithGrads(1.0f, 1.0f);
  EXPECT_TRUE(s.unscale(p));
  EXPECT_DOUBLE_EQ(s.scaleValue(), 16.0);
}

TEST(LossScaler, DisabledChangesNothing) {
  LossScaler s(false);
  EXPECT_DOUBLE_EQ(s.scale(torch::tensor(0.5)).item<double>(), 0.5);
  auto p = paramsWithGrads(std::numeric_limits<float>::infinity(), 3.0f);
  EXPECT_TRUE(s.unscale(p));  // fp32/bf16: the monitor, not the scaler, handles divergence
  EXPECT_FLOAT_EQ(p[1].grad()[0][0].item<float>(), 3.0f);
  EXPECT_DOUBLE_EQ(s.scaleValue(), 1.0);
}
