#include "core/analysis/image_stats.h"

#include <algorithm>
#include <cmath>

namespace filmrecover::analysis {

double percentile(std::vector<double>& values, double q) {
  if (values.empty()) return 0.0;
  const double pos = std::clamp(q, 0.0, 100.0) / 100.0 * static_cast<double>(values.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, values.size() - 1);
  std::nth_element(values.begin(), values.begin() + static_cast<long>(lo), values.end());
  const double vlo = values[lo];
  if (hi == lo) return vlo;
  // The next order statistic is the smallest value above position lo.
  const double vhi = *std::min_element(values.begin() + static_cast<long>(lo) + 1, values.end());
  return vlo + (pos - static_cast<double>(lo)) * (vhi - vlo);
}

double psnrFromMse(double mse, double peak) {
  if (!(mse > 0.0)) return kMaxPsnr;
  return std::min(kMaxPsnr, 10.0 * std::log10(peak * peak / mse));
}

}  // namespace filmrecover::analysis
