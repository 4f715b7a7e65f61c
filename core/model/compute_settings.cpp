#include "core/model/compute_settings.h"

#include <torch/torch.h>

#include "core/exec/errors.h"
#include "core/exec/parallel_for.h"

namespace filmrecover {

std::string toString(DeviceChoice d) {
  switch (d) {
    case DeviceChoice::Auto: return "auto";
    case DeviceChoice::Cpu: return "cpu";
    case DeviceChoice::Cuda: return "cuda";
  }
  return "auto";
}

DeviceChoice parseDeviceChoice(const std::string& text, const std::string& what) {
  if (text == "auto") return DeviceChoice::Auto;
  if (text == "cpu") return DeviceChoice::Cpu;
  if (text == "cuda") return DeviceChoice::Cuda;
  throw InputError(what + " must be auto, cpu or cuda, not '" + text + "'.");
}

std::string toString(Precision p) {
  switch (p) {
    case Precision::Auto: return "auto";
    case Precision::Float32: return "fp32";
    case Precision::BFloat16: return "bf16";
    case Precision::Float16: return "fp16";
  }
  return "auto";
}

Precision parsePrecision(const std::string& text, const std::string& what) {
  if (text == "auto") return Precision::Auto;
  if (text == "fp32" || text == "float32") return Precision::Float32;
  if (text == "bf16" || text == "bfloat16") return Precision::BFloat16;
  if (text == "fp16" || text == "float16") return Precision::Float16;
  throw InputError(what + " must be auto, fp32, bf16 or fp16, not '" + text + "'.");
}

bool cpuHasNativeBFloat16() {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512bf16") || __builtin_cpu_supports("amx-bf16");
#else
  return false;
#endif
}

int configureTorchThreads(int threads) {
  const int n = resolveThreadCount(threads);
  if (torch::get_num_threads() != n) torch::set_num_threads(n);
  return torch::get_num_threads();
}

bool cudaAvailable() { return torch::cuda::is_available(); }

}  // namespace filmrecover
