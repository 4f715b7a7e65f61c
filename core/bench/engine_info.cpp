#include "core/bench/engine_info.h"

#include <torch/torch.h>
#include <torch/version.h>

#include "core/model/compute.h"

namespace filmrecover {

nlohmann::json engineInfo() {
  const bool cuda = torch::cuda::is_available();
  return {{"torch", TORCH_VERSION},
          {"cuda", cuda},
          {"gpus", cuda ? static_cast<int>(torch::cuda::device_count()) : 0},
          {"cuda_bf16", cuda && cudaHasBFloat16()},
          {"cpu_bf16", cpuHasNativeBFloat16()},
          {"threads", torch::get_num_threads()}};
}

}  // namespace filmrecover
