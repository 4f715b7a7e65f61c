// The one CUDA runtime call of the engine: how much device memory is free, for the inference
// tile size. Compiled with it only against a CUDA LibTorch (FILMRECOVER_WITH_CUDA, set by
// core/model/CMakeLists.txt from cmake/FilmrecoverTorchCuda.cmake); the CPU build answers -1.
#include "core/model/compute.h"

#if defined(FILMRECOVER_WITH_CUDA) && __has_include(<cuda_runtime_api.h>)
#include <cuda_runtime_api.h>
#define FILMRECOVER_CUDA_RUNTIME 1
#endif

namespace filmrecover {

long long cudaFreeMemory() {
#ifdef FILMRECOVER_CUDA_RUNTIME
  if (!torch::cuda::is_available()) return -1;
  size_t freeBytes = 0, totalBytes = 0;
  if (cudaMemGetInfo(&freeBytes, &totalBytes) != cudaSuccess) return -1;
  return static_cast<long long>(freeBytes);
#else
  return -1;
#endif
}

}  // namespace filmrecover
