#include "ui/panels/train/loss_axis_ticker.h"

#include <cmath>
#include <initializer_list>

namespace filmrecover::ui {

namespace {

//! Every m × 10^k in `range` for the given mantissas.
QVector<double> mantissaTicks(const QCPRange& range, std::initializer_list<int> mantissas) {
  QVector<double> ticks;
  const int first = int(std::floor(std::log10(range.lower)));
  const int last = int(std::ceil(std::log10(range.upper)));
  for (int k = first; k <= last; ++k)
    for (int m : mantissas) {
      const double t = m * std::pow(10.0, k);
      if (t >= range.lower && t <= range.upper) ticks << t;
    }
  return ticks;
}

}  // namespace

QVector<double> LossAxisTicker::createTickVector(double tickStep, const QCPRange& range) {
  mantissaTicks_ = false;
  if (range.lower <= 0 || range.upper <= 0 || std::log10(range.upper / range.lower) >= 1.6)
    return QCPAxisTickerLog::createTickVector(tickStep, range);
  mantissaTicks_ = true;
  QVector<double> ticks = mantissaTicks(range, {1, 2, 5});
  if (ticks.size() < 2) ticks = mantissaTicks(range, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  return ticks;
}

int LossAxisTicker::getSubTickCount(double tickStep) {
  return mantissaTicks_ ? 0 : QCPAxisTickerLog::getSubTickCount(tickStep);
}

}  // namespace filmrecover::ui
