#include "core/infer/tile_plan.h"

#include <algorithm>

namespace filmrecover {

std::vector<TileSpan> planTiles(int length, int tile, int context, int feather, int align) {
  std::vector<TileSpan> spans;
  if (length <= tile) {
    spans.push_back({0, std::vector<float>(length, 1.0f)});
    return spans;
  }
  // Fewest tiles that fit, all of one length, spread evenly: the least recomputed overlap.
  // Starts are rounded down to multiples of `align`, so that much slack is added to the overlap.
  const int overlap = 2 * context + feather + align;
  const int n = (length - overlap + (tile - overlap) - 1) / (tile - overlap);
  int len = (length + (n - 1) * overlap + n - 1) / n;
  len = std::min(length, (len + align - 1) / align * align);
  for (int k = 0; k < n; ++k) {
    const int start = static_cast<int>(static_cast<long long>(k) * (length - len) / (n - 1)) / align * align;
    TileSpan span{start, std::vector<float>(len, 1.0f)};
    const bool interiorLeft = k > 0, interiorRight = k + 1 < n;
    // 0 over the context band of an interior side, then a linear ramp over `feather`.
    auto ramp = [&](int fromEdge) {
      if (fromEdge < context) return 0.0f;
      if (feather <= 0) return 1.0f;
      return std::min(1.0f, (fromEdge - context + 0.5f) / feather);
    };
    for (int i = 0; i < len; ++i) {
      float w = 1.0f;
      if (interiorLeft) w = std::min(w, ramp(i));
      if (interiorRight) w = std::min(w, ramp(len - 1 - i));
      span.weight[i] = w;
    }
    spans.push_back(std::move(span));
  }
  return spans;
}

}  // namespace filmrecover
