#include "core/match/frame_descriptor.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <opencv2/imgproc.hpp>

#include "core/match/active_area.h"

namespace filmrecover::match {

namespace {

cv::Mat areaResize(const cv::Mat& luma, const Rect& r, int side) {
  const Rect c{std::clamp(r.x0, 0, luma.cols - 1), std::clamp(r.y0, 0, luma.rows - 1),
               std::clamp(r.x1, 1, luma.cols), std::clamp(r.y1, 1, luma.rows)};
  cv::Mat roi = luma(cv::Range(c.y0, std::max(c.y0 + 1, c.y1)), cv::Range(c.x0, std::max(c.x0 + 1, c.x1)));
  cv::Mat out;
  cv::resize(roi, out, cv::Size(side, side), 0, 0, cv::INTER_AREA);
  return out;
}

}  // namespace

float combScore(const cv::Mat& luma) {
  if (luma.rows < 8) return 0;
  double near = 0, far = 0;
  // Every other column is plenty and halves the cost on a 2K frame.
  for (int y = 2; y < luma.rows - 2; ++y) {
    const float* a2 = luma.ptr<float>(y - 2);
    const float* a1 = luma.ptr<float>(y - 1);
    const float* c = luma.ptr<float>(y);
    const float* b1 = luma.ptr<float>(y + 1);
    const float* b2 = luma.ptr<float>(y + 2);
    for (int x = 0; x < luma.cols; x += 2) {
      near += std::fabs(2 * c[x] - a1[x] - b1[x]);
      far += std::fabs(2 * c[x] - a2[x] - b2[x]);
    }
  }
  return float(near / std::max(far, 1e-6));
}

FrameDescriptor describeFrame(const cv::Mat& luma, const Rect& activeArea, int frame) {
  FrameDescriptor d;
  d.frame = frame;
  d.comb = combScore(luma);

  const cv::Mat coarse = areaResize(luma, insetRect(activeArea, 0.08f), kCoarseSide);
  constexpr int n = kCoarseSide * kCoarseSide;
  std::array<int, n> order;
  std::iota(order.begin(), order.end(), 0);
  const float* cv = coarse.ptr<float>(0);
  std::stable_sort(order.begin(), order.end(), [cv](int a, int b) { return cv[a] < cv[b]; });
  double norm = 0;
  for (int rank = 0; rank < n; ++rank) {
    const float v = rank - (n - 1) * 0.5f;
    d.coarse[order[rank]] = v;
    norm += double(v) * v;
  }
  const float inv = float(1.0 / std::sqrt(norm));
  for (float& v : d.coarse) v *= inv;

  const cv::Mat fine = areaResize(luma, activeArea, kFineSide);
  double lo, hi;
  cv::minMaxLoc(fine, &lo, &hi);
  const double scale = hi > lo ? 255.0 / (hi - lo) : 0.0;
  for (int i = 0; i < kFineSide * kFineSide; ++i)
    d.fine[i] = static_cast<std::uint8_t>(std::lround((fine.ptr<float>(0)[i] - lo) * scale));
  d.meanLuma = float(cv::mean(fine)[0]);
  return d;
}

float coarseSimilarity(const FrameDescriptor& a, const FrameDescriptor& b) {
  float s = 0;
  for (int i = 0; i < kCoarseSide * kCoarseSide; ++i) s += a.coarse[i] * b.coarse[i];
  return s;
}

cv::Mat fineThumbnail(const FrameDescriptor& d) {
  cv::Mat m(kFineSide, kFineSide, CV_32F);
  for (int i = 0; i < kFineSide * kFineSide; ++i) m.ptr<float>(0)[i] = d.fine[i] / 255.0f;
  return m;
}

}  // namespace filmrecover::match
