#include "core/model/unet.h"

#include "core/dataset/channel_layout.h"
#include "core/model/bilinear_upsample.h"
#include "core/model/max_pool.h"

namespace filmrecover {

namespace F = torch::nn::functional;

namespace {
torch::nn::Conv2d conv(int in, int out, int k) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, k).padding(k / 2));
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

// dec(cat(up, skip)) with the concatenation taken apart: the first convolution of a decoder
// block is linear in its input channels, so conv(cat(a, b), W) = conv(a, W[:, :Ca]) +
// conv(b, W[:, Ca:]). Same weights, same parameters, same result within rounding, but no
// concatenated tensor is written: in channels-last bf16 on the CPU, LibTorch 1.13's cat is a
// strided interleave that cost 15% of a 1080p inference (profiled), and its backward hands
// the upsampling a sliced gradient that the upsampling backward handles slowly.
torch::Tensor UNetImpl::decode(torch::nn::Sequential& block, const torch::Tensor& upsampled,
                               const torch::Tensor& skip) {
  auto first = block->ptr<torch::nn::Conv2dImpl>(0);
  const auto upChannels = upsampled.size(1);
  const auto& w = first->weight;
  auto sum = F::conv2d(upsampled, w.slice(1, 0, upChannels), F::Conv2dFuncOptions().bias(first->bias).padding(1));
  sum.add_(F::conv2d(skip, w.slice(1, upChannels), F::Conv2dFuncOptions().padding(1)));
  // In place, as the block's own ReLU modules are: neither the sum nor the convolution needs
  // its output for the backward.
  auto h = torch::relu_(sum);
  auto out = block->ptr<torch::nn::Conv2dImpl>(2)->forward(h);
  return torch::relu_(out);
}

torch::Tensor UNetImpl::forward(const torch::Tensor& x) {
  auto e1 = enc1_->forward(x);
  auto e2 = enc2_->forward(maxPool2x(e1));
  auto m = mid_->forward(maxPool2x(e2));
  auto d2 = decode(dec2_, bilinearUpsample2x(m), e2);
  auto d1 = decode(dec1_, bilinearUpsample2x(d2), e1);
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
  // A network converted to bf16 for inference takes its input in bf16, while the residual
  // below adds the exact float32 input.
  const auto dtype = unet->parameters().front().scalar_type();
  auto y = unet->forward(x.scalar_type() == dtype ? x : x.to(dtype));
  if (!residual_) return y;
  // The sum is taken in float32 so bf16 autocast only rounds the (small) correction.
  return y.to(torch::kFloat32) + x.slice(1, residualFirst_, residualFirst_ + residualCount_).to(torch::kFloat32);
}

}  // namespace filmrecover
