#include "core/report/nice_ticks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace filmrecover::report {
namespace {

// Heckbert's nice number: the 1, 2, 5 or 10 times a power of ten nearest to x.
double niceNumber(double x) {
  const double exponent = std::floor(std::log10(x));
  const double fraction = x / std::pow(10.0, exponent);
  const double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  return nice * std::pow(10.0, exponent);
}

}  // namespace

std::string tickLabel(double value, double step) {
  if (std::abs(value) < step * 1e-9) value = 0.0;
  char buf[32];
  const double mag = std::max(std::abs(value), step);
  if (mag >= 1e6 || (mag < 1e-3 && value != 0.0)) {
    std::snprintf(buf, sizeof buf, "%.3g", value);
  } else {
    const int decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    std::snprintf(buf, sizeof buf, "%.*f", std::min(decimals, 6), value);
  }
  return buf;
}

AxisTicks linearTicks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (hi < lo) std::swap(lo, hi);
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(lo))) {
    const double pad = lo == 0.0 ? 1.0 : std::abs(lo) * 0.1;
    lo -= pad, hi += pad;
  }
  // Heckbert rounds the range first; stepping straight from the raw range keeps the tick
  // count closer to the target (1001..1240 gets steps of 50, not 100).
  const double step = niceNumber((hi - lo) / std::max(1, target - 1));
  AxisTicks t;
  t.min = std::floor(lo / step) * step;
  t.max = std::ceil(hi / step) * step;
  for (double v = t.min; v <= t.max + step * 0.5; v += step) {
    t.major.push_back(v);
    t.labels.push_back(tickLabel(v, step));
  }
  return t;
}

AxisTicks logTicks(double lo, double hi) {
  if (!(lo > 0) || !std::isfinite(lo)) lo = 1e-6;
  if (!(hi > 0) || !std::isfinite(hi)) hi = 1.0;
  if (hi < lo) std::swap(lo, hi);
  int d0 = static_cast<int>(std::floor(std::log10(lo) + 1e-9));
  int d1 = static_cast<int>(std::ceil(std::log10(hi) - 1e-9));
  if (d1 <= d0) d1 = d0 + 1;
  const int every = std::max(1, (d1 - d0 + 7) / 8);
  AxisTicks t;
  t.min = std::pow(10.0, d0);
  t.max = std::pow(10.0, d1);
  for (int d = d0; d <= d1; ++d) {
    const double v = std::pow(10.0, d);
    if ((d - d0) % every == 0) {
      t.major.push_back(v);
      char buf[32];
      if (d >= -2 && d <= 3)
        std::snprintf(buf, sizeof buf, "%g", v);
      else
        std::snprintf(buf, sizeof buf, "1e%d", d);
      t.labels.push_back(buf);
    } else {
      t.minor.push_back(v);
    }
    if (d < d1 && every == 1)
      for (int m = 2; m <= 9; ++m) t.minor.push_back(m * v);
  }
  return t;
}

}  // namespace filmrecover::report
