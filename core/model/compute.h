#pragma once
// LibTorch header: device and precision decisions shared by training, inference and bench.
#include <torch/torch.h>

#include "core/model/compute_settings.h"

namespace filmrecover {

//! The device for `choice`; throws InputError when CUDA is asked for and not available.
torch::Device resolveDevice(DeviceChoice choice);

//! Whether `precision` means bfloat16 autocast on `device`.
bool usesBFloat16(Precision precision, const torch::Device& device);

//! Memory format of activations: channels-last on CPU with bf16 (oneDNN's fast path).
torch::MemoryFormat activationFormat(bool bf16, const torch::Device& device);

//! RAII: bfloat16 autocast on the CPU for the guard's lifetime (no-op when not `enabled`).
class AutocastGuard {
 public:
  explicit AutocastGuard(bool enabled);
  ~AutocastGuard();
  AutocastGuard(const AutocastGuard&) = delete;
  AutocastGuard& operator=(const AutocastGuard&) = delete;

 private:
  bool enabled_, previous_ = false;
};

}  // namespace filmrecover
