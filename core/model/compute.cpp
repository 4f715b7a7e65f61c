#include "core/model/compute.h"

#include <ATen/autocast_mode.h>

#include "core/exec/errors.h"

namespace filmrecover {

torch::Device resolveDevice(DeviceChoice choice) {
  const bool cuda = torch::cuda::is_available();
  if (choice == DeviceChoice::Cuda && !cuda)
    throw InputError("--device cuda was asked for but this LibTorch build sees no CUDA GPU; use --device cpu or auto.");
  if (choice != DeviceChoice::Cpu && cuda) return torch::Device(torch::kCUDA);
  return torch::Device(torch::kCPU);
}

bool usesBFloat16(Precision precision, const torch::Device& device) {
  if (!device.is_cpu()) return false;  // CUDA runs float32 (TF32 where the GPU has it)
  if (precision == Precision::BFloat16) return true;
  if (precision == Precision::Float32) return false;
  return cpuHasNativeBFloat16();
}

torch::MemoryFormat activationFormat(bool bf16, const torch::Device& device) {
  return bf16 && device.is_cpu() ? torch::MemoryFormat::ChannelsLast : torch::MemoryFormat::Contiguous;
}

AutocastGuard::AutocastGuard(bool enabled) : enabled_(enabled) {
  if (!enabled_) return;
  previous_ = at::autocast::is_cpu_enabled();
  at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
  at::autocast::set_cpu_enabled(true);
  at::autocast::increment_nesting();
}

AutocastGuard::~AutocastGuard() {
  if (!enabled_) return;
  if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  at::autocast::set_cpu_enabled(previous_);
}

}  // namespace filmrecover
