#include "core/model/compute.h"

#include <ATen/autocast_mode.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <torch/version.h>

#include "core/exec/errors.h"

// LibTorch 2.4 replaced the per-device autocast functions (is_cpu_enabled, set_enabled for
// CUDA, set_autocast_gpu_dtype ...) by ones taking the device type; 1.13 (Debian) has only
// the old ones, the newest 2.x only the new ones.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define FILMRECOVER_AUTOCAST_BY_DEVICE 1
#else
#define FILMRECOVER_AUTOCAST_BY_DEVICE 0
#endif

namespace filmrecover {

torch::Device resolveDevice(DeviceChoice choice) {
  const bool cuda = torch::cuda::is_available();
  if (choice == DeviceChoice::Cuda && !cuda)
    throw InputError("--device cuda was asked for but this LibTorch build sees no CUDA GPU; use --device cpu or auto.");
  if (choice != DeviceChoice::Cpu && cuda) return torch::Device(torch::kCUDA);
  return torch::Device(torch::kCPU);
}

bool cudaHasBFloat16() {
  // The CUDA hooks answer without CUDA headers: compute capability 8.0+ (Ampere and later).
  return torch::cuda::is_available() && at::detail::getCUDAHooks().supportsBFloat16ConvolutionWithCuDNNv8();
}

torch::ScalarType computeType(Precision precision, const torch::Device& device) {
  if (device.is_cpu()) {
    switch (precision) {
      case Precision::Float32: return torch::kFloat32;
      case Precision::BFloat16: return torch::kBFloat16;
      case Precision::Float16:
        throw InputError("--precision fp16 runs on CUDA only; use bf16 or fp32 on the CPU.");
      case Precision::Auto: return cpuHasNativeBFloat16() ? torch::kBFloat16 : torch::kFloat32;
    }
  }
  switch (precision) {
    case Precision::Float32: return torch::kFloat32;
    case Precision::Float16: return torch::kFloat16;
    case Precision::BFloat16:
      if (!cudaHasBFloat16())
        throw InputError("this GPU computes no bfloat16 (compute capability below 8.0); use --precision fp16 or fp32.");
      return torch::kBFloat16;
    case Precision::Auto: return cudaHasBFloat16() ? torch::kBFloat16 : torch::kFloat16;
  }
  return torch::kFloat32;
}

std::string precisionName(torch::ScalarType type) {
  if (type == torch::kBFloat16) return "bf16";
  if (type == torch::kFloat16) return "fp16";
  return "fp32";
}

torch::MemoryFormat activationFormat(torch::ScalarType type, const torch::Device& device) {
  if (type == torch::kFloat32) return torch::MemoryFormat::Contiguous;
  return torch::MemoryFormat::ChannelsLast;
}

void configureDeviceMath(const torch::Device& device, torch::ScalarType compute) {
  if (!device.is_cuda()) return;
  auto& ctx = at::globalContext();
  ctx.setBenchmarkCuDNN(true);  // crops and tiles repeat their shapes: autotuning pays
  const bool tf32 = compute != torch::kFloat32;
  ctx.setAllowTF32CuDNN(tf32);
  ctx.setFloat32MatmulPrecision(tf32 ? "high" : "highest");
}

namespace {

bool autocastEnabled(c10::DeviceType t) {
#if FILMRECOVER_AUTOCAST_BY_DEVICE
  return at::autocast::is_autocast_enabled(t);
#else
  return t == c10::DeviceType::CPU ? at::autocast::is_cpu_enabled() : at::autocast::is_enabled();
#endif
}

void setAutocastEnabled(c10::DeviceType t, bool enabled) {
#if FILMRECOVER_AUTOCAST_BY_DEVICE
  at::autocast::set_autocast_enabled(t, enabled);
#else
  if (t == c10::DeviceType::CPU) at::autocast::set_cpu_enabled(enabled);
  else at::autocast::set_enabled(enabled);
#endif
}

torch::ScalarType autocastType(c10::DeviceType t) {
#if FILMRECOVER_AUTOCAST_BY_DEVICE
  return at::autocast::get_autocast_dtype(t);
#else
  return t == c10::DeviceType::CPU ? at::autocast::get_autocast_cpu_dtype() : at::autocast::get_autocast_gpu_dtype();
#endif
}

void setAutocastType(c10::DeviceType t, torch::ScalarType type) {
#if FILMRECOVER_AUTOCAST_BY_DEVICE
  at::autocast::set_autocast_dtype(t, type);
#else
  if (t == c10::DeviceType::CPU) at::autocast::set_autocast_cpu_dtype(type);
  else at::autocast::set_autocast_gpu_dtype(type);
#endif
}

}  // namespace

AutocastGuard::AutocastGuard(torch::ScalarType type, const torch::Device& device)
    : enabled_(type != torch::kFloat32), deviceType_(device.type()) {
  if (!enabled_) return;
  previous_ = autocastEnabled(deviceType_);
  previousType_ = autocastType(deviceType_);
  setAutocastType(deviceType_, type);
  setAutocastEnabled(deviceType_, true);
  at::autocast::increment_nesting();
}

AutocastGuard::~AutocastGuard() {
  if (!enabled_) return;
  if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  setAutocastEnabled(deviceType_, previous_);
  setAutocastType(deviceType_, previousType_);
}

}  // namespace filmrecover
