#include "core/match/luma.h"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace filmrecover::match {

cv::Mat shrinkToWidth(const cv::Mat& luma, int maxWidth) {
  if (luma.cols <= maxWidth) return luma;
  const int h = std::max(1, static_cast<int>(std::lround(double(luma.rows) * maxWidth / luma.cols)));
  cv::Mat out;
  cv::resize(luma, out, cv::Size(maxWidth, h), 0, 0, cv::INTER_AREA);
  return out;
}

namespace {

// 1024-bin cumulative histogram of values clamped to [lo, hi], normalised to end at 1.
std::vector<double> cumulativeHistogram(const cv::Mat& m, const cv::Mat& mask, float lo, float hi,
                                        int bins) {
  std::vector<double> h(bins, 0.0);
  const float scale = (bins - 1) / std::max(1e-6f, hi - lo);
  for (int y = 0; y < m.rows; ++y) {
    const float* p = m.ptr<float>(y);
    const uchar* k = mask.empty() ? nullptr : mask.ptr<uchar>(y);
    for (int x = 0; x < m.cols; ++x) {
      if (k && !k[x]) continue;
      const int b = std::clamp(static_cast<int>((p[x] - lo) * scale + 0.5f), 0, bins - 1);
      h[b] += 1.0;
    }
  }
  double sum = 0;
  for (double& v : h) v = (sum += v);
  if (sum > 0)
    for (double& v : h) v /= sum;
  return h;
}

}  // namespace

cv::Mat matchHistogram(const cv::Mat& moving, const cv::Mat& fixed, const cv::Mat& movingMask,
                       const cv::Mat& fixedMask) {
  constexpr int bins = 1024;
  double mlo, mhi, flo, fhi;
  cv::minMaxLoc(moving, &mlo, &mhi, nullptr, nullptr, movingMask);
  cv::minMaxLoc(fixed, &flo, &fhi, nullptr, nullptr, fixedMask);
  const auto cm = cumulativeHistogram(moving, movingMask, float(mlo), float(mhi), bins);
  const auto cf = cumulativeHistogram(fixed, fixedMask, float(flo), float(fhi), bins);
  // For each moving bin, the fixed value at the same cumulative rank.
  std::vector<float> lut(bins);
  int k = 0;
  for (int b = 0; b < bins; ++b) {
    while (k < bins - 1 && cf[k] < cm[b]) ++k;
    lut[b] = float(flo + (fhi - flo) * k / (bins - 1));
  }
  cv::Mat out(moving.size(), CV_32F);
  const float scale = (bins - 1) / std::max(1e-6f, float(mhi - mlo));
  for (int y = 0; y < moving.rows; ++y) {
    const float* p = moving.ptr<float>(y);
    float* o = out.ptr<float>(y);
    for (int x = 0; x < moving.cols; ++x) {
      const float t = std::clamp((p[x] - float(mlo)) * scale, 0.0f, float(bins - 1));
      const int b0 = static_cast<int>(t);
      const int b1 = std::min(b0 + 1, bins - 1);
      const float f = t - b0;
      o[x] = lut[b0] * (1 - f) + lut[b1] * f;
    }
  }
  return out;
}

}  // namespace filmrecover::match
