#pragma once
#include <string>

namespace filmrecover {

//! Where a network runs: CUDA when asked or (auto) when LibTorch sees a GPU, else the CPU.
enum class DeviceChoice { Auto, Cpu, Cuda };
//! Arithmetic precision: auto = bfloat16 autocast on CPUs with native bf16 (AVX512-BF16 /
//! AMX), where it measurably doubles throughput, and on CUDA cards with bf16 (compute
//! capability 8.0+); float16 with loss scaling on older CUDA cards; float32 elsewhere.
enum class Precision { Auto, Float32, BFloat16, Float16 };

//! "auto", "cpu", "cuda".
std::string toString(DeviceChoice d);
//! Parses auto|cpu|cuda; throws InputError naming `what`.
DeviceChoice parseDeviceChoice(const std::string& text, const std::string& what = "device");
//! "auto", "fp32", "bf16", "fp16".
std::string toString(Precision p);
//! Parses auto|fp32|bf16|fp16; throws InputError naming `what`.
Precision parsePrecision(const std::string& text, const std::string& what = "precision");

//! True when this CPU computes bfloat16 natively.
bool cpuHasNativeBFloat16();

//! Sets LibTorch's intra-op threads (0 = all cores; the Debian build starts with one) and
//! returns the count in effect.
int configureTorchThreads(int threads);

//! True when LibTorch was built with CUDA and sees a GPU.
bool cudaAvailable();

}  // namespace filmrecover
