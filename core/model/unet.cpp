#include "core/model/unet.h"

#include "core/dataset/channel_layout.h"

namespace filmrecover {

namespace F = torch::nn::functional;

namespace {
torch::nn::Conv2d conv(int in, int out, int k) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, k).padding(k / 2));
}
torch::Tensor upsample2(const torch::Tensor& x) {
  return F::interpolate(x, F::InterpolateFuncOptions()
                               .scale_factor(std::vector<double>{2.0, 2.0})
                               .mode(torch::kBilinear)
                               .align_corners(false));
}
}  // namespace

torch::nn::Sequential UNetImpl::block(const std::string& name, int in, int out) {
  torch::nn::Sequential s(conv(in, out, 3), torch::nn::ReLU(torch::nn::ReLUOptions(true)),
                          conv(out, out, 3), torch::nn::ReLU(torch::nn::ReLUOptions(true)));
  return register_module(name, s);
}

UNetImpl::UNetImpl(int inChannels, int outChannels, int w) {
  enc1_ = block("enc1", inChannels, w);
  enc2_ = block("enc2", w, 2 * w);
  mid_ = block("mid", 2 * w, 4 * w);
  dec2_ = block("dec2", 6 * w, 2 * w);
  dec1_ = block("dec1", 3 * w, w);
  head_ = register_module("head", conv(w, outChannels, 1));
}

torch::Tensor UNetImpl::forward(const torch::Tensor& x) {
  auto e1 = enc1_->forward(x);
  auto e2 = enc2_->forward(F::max_pool2d(e1, F::MaxPool2dFuncOptions(2)));
  auto m = mid_->forward(F::max_pool2d(e2, F::MaxPool2dFuncOptions(2)));
  auto d2 = dec2_->forward(torch::cat({upsample2(m), e2}, 1));
  auto d1 = dec1_->forward(torch::cat({upsample2(d2), e1}, 1));
  return head_->forward(d1);
}

RecoveryNetImpl::RecoveryNetImpl(RecoveryMode mode, int width, bool residual)
    : mode_(mode), residual_(residual) {
  unet = register_module("unet", UNet(inputChannelCount(mode), outputChannelCount(mode), width));
  const auto channels = residualInputChannels(mode);
  residualFirst_ = channels.front();
  residualCount_ = static_cast<int>(channels.size());
  if (residual_) {
    // Start at the identity: a zero head means the untrained output equals the input.
    torch::NoGradGuard guard;
    for (auto& p : unet->named_parameters())
      if (p.key().rfind("head.", 0) == 0) p.value().zero_();
  }
}

torch::Tensor RecoveryNetImpl::forward(const torch::Tensor& x) {
  auto y = unet->forward(x);
  if (!residual_) return y;
  // The sum is taken in float32 so bf16 autocast only rounds the (small) correction.
  return y.to(torch::kFloat32) + x.slice(1, residualFirst_, residualFirst_ + residualCount_).to(torch::kFloat32);
}

}  // namespace filmrecover
