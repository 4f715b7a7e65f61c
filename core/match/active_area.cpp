#include "core/match/active_area.h"

#include <algorithm>
#include <cmath>

namespace filmrecover::match {

namespace {

bool isBorderLine(const cv::Mat& line, const BorderOptions& o) {
  cv::Scalar mean, stddev;
  cv::meanStdDev(line, mean, stddev);
  return mean[0] <= o.darkLevel && stddev[0] <= o.flatLevel;
}

int percentile(std::vector<int> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  return v[k];
}

}  // namespace

Rect detectActiveArea(const cv::Mat& luma, const BorderOptions& o) {
  Rect r{0, 0, luma.cols, luma.rows};
  // Never let a dark frame collapse the picture: borders take at most 40% per side.
  const int maxRows = luma.rows * 2 / 5, maxCols = luma.cols * 2 / 5;
  while (r.y0 < maxRows && isBorderLine(luma.row(r.y0), o)) ++r.y0;
  while (luma.rows - r.y1 < maxRows && isBorderLine(luma.row(r.y1 - 1), o)) --r.y1;
  const cv::Range rows(r.y0, r.y1);
  while (r.x0 < maxCols && isBorderLine(luma(rows, cv::Range(r.x0, r.x0 + 1)), o)) ++r.x0;
  while (luma.cols - r.x1 < maxCols && isBorderLine(luma(rows, cv::Range(r.x1 - 1, r.x1)), o)) --r.x1;
  return r;
}

Rect combineActiveAreas(const std::vector<Rect>& areas, int width, int height) {
  if (areas.empty()) return Rect{0, 0, width, height};
  std::vector<int> top, bottom, left, right;
  for (const Rect& a : areas) {
    top.push_back(a.y0);
    bottom.push_back(height - a.y1);
    left.push_back(a.x0);
    right.push_back(width - a.x1);
  }
  return Rect{percentile(left, 0.2), percentile(top, 0.2), width - percentile(right, 0.2),
              height - percentile(bottom, 0.2)};
}

Rect scaleRect(const Rect& a, int fromW, int fromH, int toW, int toH) {
  const double sx = double(toW) / fromW, sy = double(toH) / fromH;
  return Rect{int(std::floor(a.x0 * sx + 1e-6)), int(std::floor(a.y0 * sy + 1e-6)),
              int(std::ceil(a.x1 * sx - 1e-6)), int(std::ceil(a.y1 * sy - 1e-6))};
}

Rect insetRect(const Rect& a, float f) {
  const int dx = int(std::ceil(a.width() * f)), dy = int(std::ceil(a.height() * f));
  return Rect{a.x0 + dx, a.y0 + dy, a.x1 - dx, a.y1 - dy};
}

}  // namespace filmrecover::match
