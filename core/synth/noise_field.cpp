#include "core/synth/noise_field.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace filmrecover::synth {

cv::Mat fractalNoise(int rows, int cols, uint32_t seed, int baseCells, int octaves,
                     double persistence) {
  cv::Mat sum = cv::Mat::zeros(rows, cols, CV_32F);
  cv::RNG rng(seed * 2654435761u + 17u);
  double amplitude = 1.0, total = 0.0;
  int cells = std::max(2, baseCells);
  for (int o = 0; o < octaves; ++o) {
    const int gw = std::min(cols, cells + 2);
    const int gh = std::min(rows, std::max(2, cells * rows / std::max(1, cols) + 2));
    cv::Mat grid(gh, gw, CV_32F);
    rng.fill(grid, cv::RNG::UNIFORM, -1.0, 1.0);
    cv::Mat up;
    cv::resize(grid, up, cv::Size(cols, rows), 0, 0, cv::INTER_CUBIC);
    sum += up * amplitude;
    total += amplitude;
    amplitude *= persistence;
    cells *= 2;
  }
  sum /= total;
  return sum;
}

}  // namespace filmrecover::synth
