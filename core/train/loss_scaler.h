#pragma once
// LibTorch header: dynamic loss scaling for float16 training (PyTorch's GradScaler, in small).
#include <vector>

#include <torch/torch.h>

namespace filmrecover {

//! float16 has 5 exponent bits: small gradients underflow to zero unless the loss is scaled
//! up before the backward and the gradients scaled down after it. The scale halves whenever a
//! gradient overflows (that step is skipped) and doubles after `growthInterval` good steps.
//! Disabled (bf16 and fp32 have float32's exponent range), it changes nothing.
class LossScaler {
 public:
  explicit LossScaler(bool enabled, double initialScale = 65536.0, int growthInterval = 2000);
  //! The loss to call backward() on: loss x scale.
  torch::Tensor scale(const torch::Tensor& loss) const;
  //! Divides the gradients of `parameters` by the scale; false when one is not finite (the
  //! optimiser step must be skipped; the scale is halved). Always true when disabled.
  bool unscale(const std::vector<torch::Tensor>& parameters);
  //! The current scale (1 when disabled).
  double scaleValue() const { return enabled_ ? scale_ : 1.0; }
  bool enabled() const { return enabled_; }

 private:
  bool enabled_;
  double scale_;
  int growthInterval_, goodSteps_ = 0;
};

}  // namespace filmrecover
