#include "core/train/train_step.h"

#include <cmath>

#include <torch/fft.h>

#include "core/model/compute.h"
#include "core/train/low_pass.h"

namespace filmrecover {

namespace F = torch::nn::functional;

StepEngine::StepEngine(RecoveryNet network, const torch::Device& dev, torch::ScalarType computeType,
                       LossKind lossKind, double auxLossWeight, double lr)
    : net(std::move(network)), device(dev), compute(computeType), scaler(computeType == torch::kFloat16),
      loss(lossKind), auxWeight(auxLossWeight) {
  configureDeviceMath(device, compute);
  format = activationFormat(compute, device);
  net->to(device);
  if (format == torch::MemoryFormat::ChannelsLast) {
    torch::NoGradGuard g;
    for (auto& p : net->parameters())
      if (p.dim() == 4) p.set_data(p.data().contiguous(format));
  }
  optimizer = std::make_unique<torch::optim::Adam>(net->parameters(), torch::optim::AdamOptions(lr));
}

std::pair<torch::Tensor, torch::Tensor> StepEngine::upload(const CropBatch& b) const {
  auto x = torch::from_blob(const_cast<float*>(b.input.data()),
                            {b.count, b.inputChannels, b.height, b.width}, torch::kFloat32);
  auto y = torch::from_blob(const_cast<float*>(b.target.data()),
                            {b.count, b.targetChannels, b.height, b.width}, torch::kFloat32);
  return {x.to(device).contiguous(format).clone(), y.to(device).contiguous(format).clone()};
}

void StepEngine::setLearningRate(double lr) {
  for (auto& group : optimizer->param_groups())
    static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
}

double StepEngine::step(const torch::Tensor& input, const torch::Tensor& target) {
  optimizer->zero_grad();
  torch::Tensor lossValue;
  {
    AutocastGuard autocast(compute, device);
    auto out = net->forward(input);
    lossValue = trainingLoss(out.to(torch::kFloat32), target, loss, auxWeight, lossBlur);
  }
  scaler.scale(lossValue).backward();
  if (reduce) {
    std::vector<torch::Tensor> gradients;
    for (auto& p : net->parameters()) {
      if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
      gradients.push_back(p.mutable_grad());
    }
    torch::Tensor shared = lossValue.detach().to(torch::kFloat32).reshape({1});
    reduce(gradients, shared);
    lossValue = shared;
  }
  // After the reduction every process sees the same gradients, so an overflow under float16
  // skips the step on all of them alike.
  if (scaler.unscale(net->parameters())) optimizer->step();
  return lossValue.item<double>();
}

torch::Tensor StepEngine::predict(const torch::Tensor& input) {
  torch::NoGradGuard noGrad;
  AutocastGuard autocast(compute, device);
  return net->forward(input).to(torch::kFloat32).contiguous();
}

namespace {

// 1 - mean SSIM over 7x7 box windows (values around [0,1]); structure term for detail.
torch::Tensor ssimLoss(const torch::Tensor& x, const torch::Tensor& y) {
  const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
  auto pool = [](const torch::Tensor& t) {
    return F::avg_pool2d(t, F::AvgPool2dFuncOptions(7).stride(1).padding(3).count_include_pad(false));
  };
  auto mx = pool(x), my = pool(y);
  auto sxx = pool(x * x) - mx * mx, syy = pool(y * y) - my * my, sxy = pool(x * y) - mx * my;
  auto ssim = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2));
  return 1.0 - ssim.mean();
}

// L1 between the amplitude spectra: rewards matching grain and fine detail energy.
torch::Tensor frequencyLoss(const torch::Tensor& x, const torch::Tensor& y) {
  auto fx = torch::fft::rfft2(x.contiguous(), c10::nullopt, {-2, -1}, "ortho").abs();
  auto fy = torch::fft::rfft2(y.contiguous(), c10::nullopt, {-2, -1}, "ortho").abs();
  return F::l1_loss(fx, fy);
}

}  // namespace

torch::Tensor trainingLoss(const torch::Tensor& output, const torch::Tensor& target, LossKind kind,
                           double auxWeight, double lossBlur) {
  auto l = F::l1_loss(gaussianLowPass(output, lossBlur), gaussianLowPass(target, lossBlur));
  if (kind == LossKind::L1Ssim) l = l + auxWeight * ssimLoss(output, target);
  if (kind == LossKind::L1Frequency) l = l + auxWeight * frequencyLoss(output, target);
  return l;
}

double learningRateAt(long long step, const TrainSettings& s) {
  if (s.warmupSteps > 0 && step <= s.warmupSteps)
    return s.lr * (0.01 + 0.99 * static_cast<double>(step) / s.warmupSteps);
  if (s.schedule != "cosine") return s.lr;
  const double span = std::max<long long>(1, s.steps - s.warmupSteps);
  const double t = std::min(1.0, static_cast<double>(step - s.warmupSteps) / span);
  const double minLr = s.lr * s.minLrFactor;
  return minLr + 0.5 * (s.lr - minLr) * (1 + std::cos(M_PI * t));
}

}  // namespace filmrecover
