// The U-Net's forward (decoder blocks applied without building the concatenation) against the
// peer network of shared/bench/torch_reference.py written out literally with the same weights:
// cat, then the block. Outputs and weight gradients must agree, in float64 to rounding.
#include <gtest/gtest.h>

#include <map>

#include "core/model/compute.h"
#include "core/model/unet.h"

namespace filmrecover {
namespace {

namespace F = torch::nn::functional;

using Params = std::map<std::string, torch::Tensor>;

torch::Tensor convRelu(const Params& p, const std::string& name, const torch::Tensor& x) {
  return torch::relu(F::conv2d(x, p.at(name + ".weight"), F::Conv2dFuncOptions().bias(p.at(name + ".bias")).padding(1)));
}
torch::Tensor block(const Params& p, const std::string& name, const torch::Tensor& x) {
  return convRelu(p, name + ".2", convRelu(p, name + ".0", x));
}
torch::Tensor up(const torch::Tensor& x) {
  return F::interpolate(x, F::InterpolateFuncOptions()
                               .scale_factor(std::vector<double>{2.0, 2.0})
                               .mode(torch::kBilinear)
                               .align_corners(false));
}

// torch_reference.py's UNet.forward, line for line.
torch::Tensor peerForward(const Params& p, const torch::Tensor& x) {
  auto e1 = block(p, "enc1", x);
  auto e2 = block(p, "enc2", F::max_pool2d(e1, F::MaxPool2dFuncOptions(2)));
  auto m = block(p, "mid", F::max_pool2d(e2, F::MaxPool2dFuncOptions(2)));
  auto d2 = block(p, "dec2", torch::cat({up(m), e2}, 1));
  auto d1 = block(p, "dec1", torch::cat({up(d2), e1}, 1));
  return F::conv2d(d1, p.at("head.weight"), F::Conv2dFuncOptions().bias(p.at("head.bias")));
}

}  // namespace

TEST(UNet, ForwardAndGradientsEqualThePeerNetwork) {
  torch::manual_seed(11);
  UNet net(3, 2, 8);
  net->to(torch::kFloat64);
  Params params;
  for (const auto& p : net->named_parameters()) params[p.key()] = p.value();
  const auto x = torch::randn({2, 3, 24, 16}, torch::kFloat64);
  const auto target = torch::randn({2, 2, 24, 16}, torch::kFloat64);

  auto ours = net->forward(x);
  (ours - target).abs().mean().backward();
  std::map<std::string, torch::Tensor> ourGrads;
  for (const auto& p : net->named_parameters()) ourGrads[p.key()] = p.value().grad().clone();
  net->zero_grad();

  auto theirs = peerForward(params, x);
  (theirs - target).abs().mean().backward();

  EXPECT_TRUE(torch::allclose(ours, theirs, 1e-12, 1e-12));
  ASSERT_EQ(ourGrads.size(), 22u);  // 11 convolutions, weight and bias each
  for (const auto& p : net->named_parameters())
    EXPECT_TRUE(torch::allclose(ourGrads.at(p.key()), p.value().grad(), 1e-10, 1e-12)) << p.key();
}

TEST(UNet, ChannelsLastBFloat16AgreesWithFloat32) {
  // The CPU fast path (bf16 autocast, channels-last) computes the same network.
  torch::manual_seed(12);
  UNet net(3, 2, 16);
  const auto x = torch::rand({1, 3, 32, 48});
  torch::Tensor exact;
  {
    torch::NoGradGuard g;
    exact = net->forward(x);
  }
  for (auto& p : net->parameters())
    if (p.dim() == 4) p.set_data(p.data().contiguous(torch::MemoryFormat::ChannelsLast));
  torch::Tensor fast;
  {
    torch::NoGradGuard g;
    AutocastGuard autocast(torch::kBFloat16, torch::kCPU);
    fast = net->forward(x.contiguous(torch::MemoryFormat::ChannelsLast));
  }
  EXPECT_EQ(fast.scalar_type(), torch::kBFloat16);
  // bf16 keeps 8 bits of mantissa: a few parts in a thousand of the output's range.
  const double range = exact.abs().max().item<double>();
  EXPECT_LT((fast.to(torch::kFloat32) - exact).abs().max().item<double>(), 0.02 * range);
}

}  // namespace filmrecover
