# FILMRECOVER_TORCH_CUDA: ON when the LibTorch found was built with CUDA (a CUDA wheel or the
# cu12x/cu13x LibTorch download). The engine then compiles its few CUDA-only calls (free
# device memory, device capabilities, copy streams: core/model/cuda_device.cpp); Debian's CPU
# LibTorch leaves them out and the same code runs on the CPU.
if(TARGET torch_cuda OR TORCH_CUDA_LIBRARIES OR CAFFE2_USE_CUDA)
  set(FILMRECOVER_TORCH_CUDA ON)
else()
  set(FILMRECOVER_TORCH_CUDA OFF)
endif()
message(STATUS "LibTorch ${Torch_VERSION}: CUDA ${FILMRECOVER_TORCH_CUDA}")
