#include "core/io/non_finite.h"

#include <cmath>

namespace filmrecover {

NonFiniteCount countNonFinite(const std::vector<float>& samples, int width, int channels) {
  NonFiniteCount c;
  const std::size_t stride = static_cast<std::size_t>(width > 0 ? width : 1) * static_cast<std::size_t>(channels > 0 ? channels : 1);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (std::isfinite(samples[i])) continue;
    if (c.count++ == 0) {
      c.firstY = static_cast<int>(i / stride);
      c.firstX = static_cast<int>(i % stride) / (channels > 0 ? channels : 1);
    }
  }
  return c;
}

}  // namespace filmrecover
