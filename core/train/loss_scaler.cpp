#include "core/train/loss_scaler.h"

#include <cmath>

namespace filmrecover {

LossScaler::LossScaler(bool enabled, double initialScale, int growthInterval)
    : enabled_(enabled), scale_(initialScale), growthInterval_(growthInterval) {}

torch::Tensor LossScaler::scale(const torch::Tensor& loss) const {
  return enabled_ ? loss * scale_ : loss;
}

bool LossScaler::unscale(const std::vector<torch::Tensor>& parameters) {
  if (!enabled_) return true;
  torch::NoGradGuard noGrad;
  // One sum over all gradients, read once (one device synchronisation a step): an overflow
  // anywhere makes it inf or NaN.
  torch::Tensor total;
  for (const auto& p : parameters) {
    if (!p.grad().defined()) continue;
    p.mutable_grad().mul_(1.0 / scale_);
    auto s = p.grad().sum().to(torch::kFloat64);
    total = total.defined() ? total + s : s;
  }
  const bool finite = !total.defined() || std::isfinite(total.item<double>());
  if (!finite) {
    scale_ = std::max(1.0, scale_ / 2);
    goodSteps_ = 0;
    return false;
  }
  if (++goodSteps_ >= growthInterval_) {
    scale_ *= 2;
    goodSteps_ = 0;
  }
  return true;
}

}  // namespace filmrecover
