#include "core/align/shared_crop.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "core/align/registration.h"

namespace filmrecover::align {

Rect largestRectangle(const cv::Mat& mask) {
  const int w = mask.cols, h = mask.rows;
  std::vector<int> height(w + 1, 0), stack;
  Rect best;
  long long bestArea = 0;
  for (int y = 0; y < h; ++y) {
    const uchar* m = mask.ptr<uchar>(y);
    for (int x = 0; x < w; ++x) height[x] = m[x] ? height[x] + 1 : 0;
    stack.clear();
    for (int x = 0; x <= w; ++x) {
      const int hx = x < w ? height[x] : 0;
      while (!stack.empty() && height[stack.back()] >= hx) {
        const int top = height[stack.back()];
        stack.pop_back();
        const int left = stack.empty() ? 0 : stack.back() + 1;
        const long long area = static_cast<long long>(top) * (x - left);
        if (top > 0 && area > bestArea) {
          bestArea = area;
          best = Rect{left, y - top + 1, x, y + 1};
        }
      }
      stack.push_back(x);
    }
  }
  return best;
}

cv::Mat validPictureMask(int width, int height, const Rect& sourceArea, const Rect& referenceArea,
                         const cv::Matx33d& referenceToSource, int margin) {
  cv::Mat src = cv::Mat::zeros(height, width, CV_8U);
  const cv::Rect s(sourceArea.x0, sourceArea.y0, sourceArea.width(), sourceArea.height());
  src(s & cv::Rect(0, 0, width, height)) = 255;
  // Reference picture area as a mask on a grid big enough for it, warped onto the source.
  const int rw = std::max(referenceArea.x1, 1), rh = std::max(referenceArea.y1, 1);
  cv::Mat ref = cv::Mat::zeros(rh, rw, CV_8U);
  ref(cv::Rect(referenceArea.x0, referenceArea.y0, referenceArea.width(), referenceArea.height())) = 255;
  cv::Mat warped;
  cv::warpPerspective(ref, warped, cv::Mat(referenceToSource.inv()), cv::Size(width, height),
                      cv::INTER_NEAREST | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT, 0);
  cv::Mat both = src & warped;
  if (margin > 0) cv::erode(both, both, cv::Mat(), cv::Point(-1, -1), margin, cv::BORDER_CONSTANT, 0);
  return both;
}

int removeCaptionRows(const cv::Mat& srcLuma, const cv::Mat& alignedRef, const Rect& area, cv::Mat& mask) {
  if (area.empty()) return 0;
  auto rowEnergy = [&](const cv::Mat& luma) {
    cv::Mat lap;
    cv::Laplacian(luma, lap, CV_32F, 1);
    lap = cv::abs(lap);
    std::vector<double> e(luma.rows, 0.0);
    for (int y = area.y0; y < area.y1; ++y) e[y] = cv::mean(lap.row(y).colRange(area.x0, area.x1))[0];
    return e;
  };
  const auto es = rowEnergy(srcLuma), er = rowEnergy(alignedRef);
  // Ratio of the two elements' edge energy per row, and how it usually is.
  std::vector<double> ratio(srcLuma.rows, 1.0), all;
  for (int y = area.y0; y < area.y1; ++y) {
    ratio[y] = (er[y] + 1e-4) / (es[y] + 1e-4);
    all.push_back(std::log(ratio[y]));
  }
  std::vector<double> sorted = all;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const double typical = sorted[sorted.size() / 2];
  std::vector<double> dev;
  for (double v : all) dev.push_back(std::fabs(v - typical));
  std::nth_element(dev.begin(), dev.begin() + dev.size() / 2, dev.end());
  const double spread = std::max(0.05, dev[dev.size() / 2]);
  const int topLimit = area.y0 + area.height() * 15 / 100, bottomStart = area.y1 - area.height() * 40 / 100;
  std::vector<bool> caption(srcLuma.rows, false);
  for (int y = area.y0; y < area.y1; ++y) {
    if (y >= topLimit && y < bottomStart) continue;
    const double d = std::fabs(std::log(ratio[y]) - typical);
    caption[y] = d > std::max(2.0, 8 * spread);
  }
  // Captions are bands of several rows: drop isolated rows, widen real bands.
  int removed = 0;
  for (int y = area.y0; y < area.y1;) {
    if (!caption[y]) {
      ++y;
      continue;
    }
    int end = y;
    while (end < area.y1 && caption[end]) ++end;
    if (end - y >= 5) {
      const int pad = std::max(2, (end - y) / 2);
      const int a = std::max(0, y - pad), b = std::min(mask.rows, end + pad);
      mask.rowRange(a, b) = 0;
      removed += b - a;
    }
    y = end;
  }
  return removed;
}

}  // namespace filmrecover::align
