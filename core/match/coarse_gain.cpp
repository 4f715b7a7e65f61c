#include "core/match/coarse_gain.h"

#include <algorithm>
#include <vector>

namespace filmrecover::match {

cv::Mat coarseGains(const cv::Mat& sim, float threshold, float floor, float margin) {
  CV_Assert(sim.type() == CV_32F);
  std::vector<float> rowBest(sim.rows, -1.0f), colBest(sim.cols, -1.0f);
  for (int i = 0; i < sim.rows; ++i) {
    const float* s = sim.ptr<float>(i);
    for (int j = 0; j < sim.cols; ++j) {
      rowBest[i] = std::max(rowBest[i], s[j]);
      colBest[j] = std::max(colBest[j], s[j]);
    }
  }
  cv::Mat gains(sim.size(), CV_32F);
  for (int i = 0; i < sim.rows; ++i) {
    const float* s = sim.ptr<float>(i);
    float* g = gains.ptr<float>(i);
    for (int j = 0; j < sim.cols; ++j) {
      const float mutual = std::max(rowBest[i], colBest[j]) - margin;
      g[j] = s[j] - std::clamp(mutual, floor, threshold);
    }
  }
  return gains;
}

}  // namespace filmrecover::match
