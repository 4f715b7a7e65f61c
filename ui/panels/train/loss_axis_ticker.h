#pragma once
// Ticks of the loss plot's logarithmic axis. QCustomPlot's log ticker falls back to evenly
// spaced linear ticks when the range spans less than 1.6 decades, the usual case for a loss
// curve; on a log axis those crowd at the top until their labels overlap (7·10⁻², 6·10⁻²,
// 5·10⁻²... within a few pixels). Here a narrow range gets 1, 2, 5 × 10^k (nearly even on a
// log axis), or every integer mantissa when the range is narrower still.
#include "ui/panels/common/custom_plot.h"

namespace filmrecover::ui {

class LossAxisTicker : public QCPAxisTickerLog {
 protected:
  QVector<double> createTickVector(double tickStep, const QCPRange& range) override;
  int getSubTickCount(double tickStep) override;

 private:
  bool mantissaTicks_ = false;  // the last ticks were mantissa ticks (no sub-ticks then)
};

}  // namespace filmrecover::ui
