#include <gtest/gtest.h>

#include "core/model/bilinear_upsample.h"

namespace filmrecover {
namespace {

namespace F = torch::nn::functional;

torch::Tensor reference(const torch::Tensor& x) {
  return F::interpolate(x, F::InterpolateFuncOptions()
                               .scale_factor(std::vector<double>{2.0, 2.0})
                               .mode(torch::kBilinear)
                               .align_corners(false));
}

// Output and input gradient of `up` when its output is concatenated with another tensor and
// the gradient arrives as a slice of the concatenation's, as in the U-Net's decoder.
std::pair<torch::Tensor, torch::Tensor> forwardBackward(const std::function<torch::Tensor(const torch::Tensor&)>& up,
                                                        const torch::Tensor& input, const torch::Tensor& skip,
                                                        const torch::Tensor& weight) {
  auto x = input.detach().clone(input.is_contiguous() ? torch::MemoryFormat::Contiguous
                                                      : torch::MemoryFormat::ChannelsLast).requires_grad_(true);
  auto y = up(x);
  auto joined = torch::cat({y, skip}, 1);
  (joined * weight).sum().backward();
  return {y.detach(), x.grad()};
}

}  // namespace

TEST(BilinearUpsample2x, EqualsInterpolateAndItsGradientInEveryMemoryFormat) {
  torch::manual_seed(3);
  for (bool channelsLast : {false, true}) {
    const auto format = channelsLast ? torch::MemoryFormat::ChannelsLast : torch::MemoryFormat::Contiguous;
    auto input = torch::randn({2, 5, 7, 9}, torch::kFloat64).contiguous(format);
    auto skip = torch::randn({2, 3, 14, 18}, torch::kFloat64).contiguous(format);
    auto weight = torch::randn({2, 8, 14, 18}, torch::kFloat64).contiguous(format);
    const auto [yRef, gRef] = forwardBackward(reference, input, skip, weight);
    const auto [yOurs, gOurs] = forwardBackward(bilinearUpsample2x, input, skip, weight);
    ASSERT_EQ(yOurs.sizes(), yRef.sizes());
    ASSERT_EQ(gOurs.sizes(), input.sizes());
    EXPECT_LT((yOurs - yRef).abs().max().item<double>(), 1e-12) << "channels last " << channelsLast;
    EXPECT_LT((gOurs - gRef).abs().max().item<double>(), 1e-12) << "channels last " << channelsLast;
    // The gradient is not trivial: every input pixel receives from its 4x4 neighbourhood.
    EXPECT_GT(gOurs.abs().mean().item<double>(), 0.1);
  }
}

TEST(BilinearUpsample2x, KeepsBFloat16InputsAndGradients) {
  torch::manual_seed(4);
  auto input = torch::randn({1, 4, 6, 8}).to(torch::kBFloat16).contiguous(torch::MemoryFormat::ChannelsLast);
  auto x = input.clone(torch::MemoryFormat::ChannelsLast).requires_grad_(true);
  auto y = bilinearUpsample2x(x);
  EXPECT_EQ(y.scalar_type(), torch::kBFloat16);
  y.to(torch::kFloat32).sum().backward();
  ASSERT_TRUE(x.grad().defined());
  EXPECT_EQ(x.grad().scalar_type(), torch::kBFloat16);
  // Each input pixel spreads a total weight of 4 over the output (2x2 per pixel, exactly).
  EXPECT_NEAR(x.grad().to(torch::kFloat32).mean().item<double>(), 4.0, 1e-2);
  EXPECT_LT((y.to(torch::kFloat32) - reference(input.to(torch::kFloat32))).abs().max().item<double>(), 2e-2);
}

}  // namespace filmrecover
