#include "core/train/low_pass.h"

#include <cmath>
#include <vector>

namespace filmrecover {

namespace F = torch::nn::functional;

torch::Tensor gaussianLowPass(const torch::Tensor& x, double sigma) {
  if (sigma <= 0) return x;
  const int radius = static_cast<int>(std::ceil(3 * sigma));
  std::vector<float> taps(2 * radius + 1);
  double sum = 0;
  for (int i = -radius; i <= radius; ++i) sum += taps[i + radius] = static_cast<float>(std::exp(-0.5 * i * i / (sigma * sigma)));
  for (float& t : taps) t = static_cast<float>(t / sum);
  const auto channels = x.size(1);
  auto kernel = torch::tensor(taps, x.options().dtype(torch::kFloat32)).to(x.scalar_type());
  auto horizontal = kernel.view({1, 1, 1, -1}).repeat({channels, 1, 1, 1});
  auto vertical = kernel.view({1, 1, -1, 1}).repeat({channels, 1, 1, 1});
  auto padded = F::pad(x, F::PadFuncOptions({radius, radius, radius, radius}).mode(torch::kReplicate));
  auto rows = F::conv2d(padded, horizontal, F::Conv2dFuncOptions().groups(channels));
  return F::conv2d(rows, vertical, F::Conv2dFuncOptions().groups(channels));
}

}  // namespace filmrecover
