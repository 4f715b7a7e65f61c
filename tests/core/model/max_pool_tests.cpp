#include <gtest/gtest.h>

#include "core/model/max_pool.h"

namespace filmrecover {
namespace {

namespace F = torch::nn::functional;

torch::Tensor reference(const torch::Tensor& x) { return F::max_pool2d(x, F::MaxPool2dFuncOptions(2)); }

}  // namespace

TEST(MaxPool2x, WithoutAutogradEqualsMaxPool2dInEveryLayoutAndSize) {
  torch::manual_seed(5);
  for (auto dtype : {torch::kFloat32, torch::kBFloat16})
    for (auto format : {torch::MemoryFormat::Contiguous, torch::MemoryFormat::ChannelsLast})
      for (auto size : {std::pair<int, int>{8, 12}, {7, 9}}) {  // odd sizes drop the last row/column
        const auto x = torch::randn({2, 5, size.first, size.second}).to(dtype).contiguous(format);
        torch::NoGradGuard noGrad;
        const auto ours = maxPool2x(x);
        EXPECT_TRUE(torch::equal(ours, reference(x))) << size.first << "x" << size.second;
        EXPECT_EQ(ours.scalar_type(), dtype);
        EXPECT_TRUE(ours.is_contiguous(format));  // channels-last stays channels-last
      }
}

TEST(MaxPool2x, WithAutogradHasMaxPool2dsGradient) {
  torch::manual_seed(6);
  const auto x = torch::randn({1, 3, 6, 8}, torch::kFloat64);
  auto a = x.clone().requires_grad_(true), b = x.clone().requires_grad_(true);
  const auto w = torch::randn({1, 3, 3, 4}, torch::kFloat64);
  (maxPool2x(a) * w).sum().backward();
  (reference(b) * w).sum().backward();
  EXPECT_TRUE(torch::equal(a.grad(), b.grad()));
}

}  // namespace filmrecover
