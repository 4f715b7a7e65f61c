#include "core/model/max_pool.h"

namespace filmrecover {

namespace F = torch::nn::functional;

torch::Tensor maxPool2x(const torch::Tensor& x) {
  if (torch::GradMode::is_enabled() && x.requires_grad()) return F::max_pool2d(x, F::MaxPool2dFuncOptions(2));
  const int64_t h = x.size(-2) / 2 * 2, w = x.size(-1) / 2 * 2;
  auto even = x.slice(-2, 0, h).slice(-1, 0, w);
  auto phase = [&](int dy, int dx) {
    return even.slice(-2, dy, h, 2).slice(-1, dx, w, 2);
  };
  // The result takes the memory format of its first input's phase view: channels-last stays
  // channels-last.
  auto top = torch::maximum(phase(0, 0), phase(0, 1));
  return torch::maximum(top, torch::maximum(phase(1, 0), phase(1, 1)));
}

}  // namespace filmrecover
