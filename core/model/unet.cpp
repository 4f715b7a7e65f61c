#include "core/model/unet.h"

#include <cmath>
#include <stdexcept>

#include "core/color/ycbcr.h"
#include "core/dataset/channel_layout.h"
#include "core/exec/errors.h"
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

UNetImpl::UNetImpl(int inChannels, int outChannels, int w, int levels) {
  if (levels < kMinUNetLevels || levels > kMaxUNetLevels)
    throw std::invalid_argument("a U-Net has " + std::to_string(kMinUNetLevels) + " to " +
                                std::to_string(kMaxUNetLevels) + " levels, not " + std::to_string(levels));
  // Registered in the order enc1.., mid, ..dec1, head: at 3 levels the benchmark network's
  // names and parameter order (model files, optimiser state and the distributed broadcast
  // rely on both).
  int channels = inChannels;
  for (int k = 1; k < levels; ++k) {
    enc_.push_back(block("enc" + std::to_string(k), channels, w << (k - 1)));
    channels = w << (k - 1);
  }
  mid_ = block("mid", channels, w << (levels - 1));
  dec_.resize(static_cast<size_t>(levels - 1));
  for (int k = levels - 1; k >= 1; --k)
    dec_[static_cast<size_t>(k - 1)] = block("dec" + std::to_string(k), (w << k) + (w << (k - 1)), w << (k - 1));
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
  std::vector<torch::Tensor> skips;
  torch::Tensor h = x;
  for (size_t k = 0; k < enc_.size(); ++k) {
    h = enc_[k]->forward(k == 0 ? h : maxPool2x(h));
    skips.push_back(h);
  }
  h = mid_->forward(maxPool2x(h));
  for (size_t k = dec_.size(); k-- > 0;) h = decode(dec_[k], bilinearUpsample2x(h), skips[k]);
  return head_->forward(h);
}

RecoveryNetImpl::RecoveryNetImpl(RecoveryMode mode, int width, bool residual)
    : RecoveryNetImpl(mode, width, NetworkShape{residual, 3, false}) {}

RecoveryNetImpl::RecoveryNetImpl(RecoveryMode mode, int width, const NetworkShape& shape)
    : mode_(mode), shape_(shape) {
  if (shape_.graded && mode == RecoveryMode::Spatial)
    throw std::invalid_argument("a spatial network has no colour to grade");
  // A graded network also sees the graded Cb,Cr.
  const int inputs = inputChannelCount(mode) + (shape_.graded ? 2 : 0);
  unet = register_module("unet", UNet(inputs, outputChannelCount(mode), width, shape_.levels));
  const auto channels = residualInputChannels(mode);
  residualFirst_ = channels.front();
  residualCount_ = static_cast<int>(channels.size());
  if (shape_.residual) {
    // Start at the identity (or the grade): a zero head means the untrained output equals the
    // input (or its graded colour).
    torch::NoGradGuard guard;
    for (auto& p : unet->named_parameters())
      if (p.key().rfind("head.", 0) == 0) p.value().zero_();
  }
}

void RecoveryNetImpl::setGrade(const ModelGrade& grade) {
  if (!shape_.graded) throw InputError("this network was built without a grade in front of it.");
  if (!grade.valid()) throw InputError("the grade is not a valid 3D LUT.");
  grade_ = grade;
  const int n = grade.size;
  // Table: red fastest, then green, then blue = a [b][g][r][3] array; grid_sample's 5-D input
  // is N x C x D x H x W with x indexing W: so C = RGB, D = blue, H = green, W = red.
  lattice_ = torch::from_blob(grade_.table.data(), {n, n, n, 3}, torch::kFloat32)
                 .permute({3, 0, 1, 2})
                 .unsqueeze(0)
                 .contiguous();
}

torch::Tensor RecoveryNetImpl::gradeYcc(const torch::Tensor& ycc) {
  torch::NoGradGuard noGrad;
  if (!lattice_.defined()) throw InputError("the network has no grade set (model file without its grade blob?).");
  const auto x = ycc.to(torch::kFloat32);
  if (lattice_.device() != x.device()) lattice_ = lattice_.to(x.device());
  const auto y = x.select(1, 0), cb = x.select(1, 1), cr = x.select(1, 2);
  // R'G'B' as core/color/ycbcr.h computes it; the LUT's domain is [0,1] (NaN counts as 0).
  const auto r = y + 2.0f * (1.0f - kRec709Kr) * cr;
  const auto b = y + 2.0f * (1.0f - kRec709Kb) * cb;
  const auto g = (y - kRec709Kr * r - kRec709Kb * b) / kRec709Kg;
  auto rgb = torch::stack({r, g, b}, -1).nan_to_num(0.0, 0.0, 0.0).clamp(0.0, 1.0);  // N x H x W x 3
  // The log pre-space (grade::LogShaper), then lattice coordinates in [-1, 1] (align_corners:
  // -1 is the first node, 1 the last, as Lut3D::apply indexes them).
  const double a = grade_.shaperStrength;
  if (a > 0) rgb = torch::log1p(rgb * a) / std::log1p(a);
  const auto grid = (rgb * 2.0 - 1.0).unsqueeze(0);  // 1 x N x H x W x 3: the batch as depth
  const auto out = F::grid_sample(lattice_, grid,
                                  F::GridSampleFuncOptions()
                                      .mode(torch::kBilinear)
                                      .padding_mode(torch::kBorder)
                                      .align_corners(true));  // 1 x 3 x N x H x W
  const auto graded = out.squeeze(0);                       // 3 x N x H x W
  const auto gr = graded[0], gg = graded[1], gb = graded[2];
  const auto gy = kRec709Kr * gr + kRec709Kg * gg + kRec709Kb * gb;
  const auto gcb = (gb - gy) / (2.0f * (1.0f - kRec709Kb));
  const auto gcr = (gr - gy) / (2.0f * (1.0f - kRec709Kr));
  return torch::stack({gy, gcb, gcr}, 1);
}

torch::Tensor RecoveryNetImpl::gradeOutput(const torch::Tensor& x) {
  const auto gradedChroma = gradeYcc(x.slice(1, 0, 3)).slice(1, 1, 3);
  if (mode_ != RecoveryMode::Combined) return gradedChroma.contiguous();
  return torch::cat({x.slice(1, 0, 1).to(torch::kFloat32), gradedChroma}, 1);
}

torch::Tensor RecoveryNetImpl::forward(const torch::Tensor& x) {
  // A network converted to bf16 for inference takes its input in bf16, while the residual
  // below adds the exact float32 input.
  const auto dtype = unet->parameters().front().scalar_type();
  if (!shape_.graded) {
    auto y = unet->forward(x.scalar_type() == dtype ? x : x.to(dtype));
    if (!shape_.residual) return y;
    // The sum is taken in float32 so bf16 autocast only rounds the (small) correction.
    return y.to(torch::kFloat32) + x.slice(1, residualFirst_, residualFirst_ + residualCount_).to(torch::kFloat32);
  }
  // Grade, then refine: the graded colour is computed in float32 from the exact input, the
  // U-Net sees it beside the source, and its correction is added to it in float32.
  const auto graded = gradeYcc(x.slice(1, 0, 3)).contiguous(x.suggest_memory_format());
  const auto gradedChroma = graded.slice(1, 1, 3);
  auto input = torch::cat({x.to(torch::kFloat32), gradedChroma}, 1);
  auto y = unet->forward(input.scalar_type() == dtype ? input : input.to(dtype));
  if (!shape_.residual) return y;
  const auto baseChroma = shape_.gradedBase ? gradedChroma : x.slice(1, 1, 3).to(torch::kFloat32);
  const auto base = mode_ == RecoveryMode::Combined
                        ? torch::cat({x.slice(1, 0, 1).to(torch::kFloat32), baseChroma}, 1)
                        : baseChroma;
  return y.to(torch::kFloat32) + base;
}

}  // namespace filmrecover
