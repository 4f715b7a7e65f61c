#pragma once
// LibTorch header: device and precision decisions shared by training, inference and bench.
#include <torch/torch.h>

#include "core/model/compute_settings.h"

namespace filmrecover {

//! The device for `choice`; throws InputError when CUDA is asked for and not available.
torch::Device resolveDevice(DeviceChoice choice);

//! The type the network computes in on `device` for `precision` (autocast for training, the
//! weights' type for inference): float32, bfloat16 or float16. Auto: bf16 on CPUs with native
//! bf16 and on CUDA cards with bf16 (compute capability 8.0+), fp16 on older CUDA cards,
//! float32 elsewhere. Throws InputError for fp16 on the CPU and bf16 on a card without it.
torch::ScalarType computeType(Precision precision, const torch::Device& device);

//! "fp32", "bf16" or "fp16".
std::string precisionName(torch::ScalarType type);

//! Memory format of activations: channels-last for reduced precision (oneDNN's fast path on
//! the CPU, the tensor cores' native layout for cuDNN on CUDA), else contiguous.
torch::MemoryFormat activationFormat(torch::ScalarType type, const torch::Device& device);

//! The device's math switches: on CUDA cuDNN autotuning (fixed crop and tile shapes) and, under
//! reduced precision, TF32 for what stays float32; `--precision fp32` stays true float32 (the
//! reference the reduced-precision runs are held to, and what the tiling tolerance assumes).
//! LibTorch's switches are global: the last engine configured in a process sets them.
//! Nothing on the CPU.
void configureDeviceMath(const torch::Device& device, torch::ScalarType compute);

//! True when LibTorch sees a CUDA card that computes bfloat16 (compute capability 8.0+).
bool cudaHasBFloat16();

//! Free memory of the current CUDA device in bytes; -1 on the CPU, in a LibTorch without CUDA,
//! or where the CUDA runtime header was not available at build time.
long long cudaFreeMemory();

//! RAII: autocast to `type` on `device` for the guard's lifetime; a no-op for float32.
//! Chooses LibTorch's autocast API by version (it changed in 2.4).
class AutocastGuard {
 public:
  AutocastGuard(torch::ScalarType type, const torch::Device& device);
  ~AutocastGuard();
  AutocastGuard(const AutocastGuard&) = delete;
  AutocastGuard& operator=(const AutocastGuard&) = delete;

 private:
  bool enabled_ = false, previous_ = false;
  c10::DeviceType deviceType_ = c10::DeviceType::CPU;
  torch::ScalarType previousType_ = torch::kFloat32;
};

}  // namespace filmrecover
