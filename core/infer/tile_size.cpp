#include "core/infer/tile_size.h"

#include <algorithm>
#include <cmath>

namespace filmrecover {

double tileBytesPerPixel(int networkWidth, int elementBytes) {
  return 2.0 * (5.0 * networkWidth * elementBytes + 40.0);
}

int tileSizeForMemory(long long freeBytes, long long frameBytes, int networkWidth, int elementBytes) {
  const double usable = 0.6 * static_cast<double>(freeBytes) - static_cast<double>(frameBytes);
  const double pixels = std::max(0.0, usable) / tileBytesPerPixel(networkWidth, elementBytes);
  const int side = static_cast<int>(std::sqrt(pixels)) / 4 * 4;
  return std::clamp(side, 256, 16384);
}

}  // namespace filmrecover
