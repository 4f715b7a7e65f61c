#pragma once
#include <string>
#include <vector>

namespace filmrecover::report {

//! Tick positions of one plot axis, with the range they span.
struct AxisTicks {
  double min = 0, max = 1;       //!< the axis range, widened to whole ticks
  std::vector<double> major;     //!< labelled ticks
  std::vector<double> minor;     //!< unlabelled ticks (log axes: 2..9 x 10^k)
  std::vector<std::string> labels;  //!< one per major tick
};

//! Linear ticks on "nice" steps (1, 2, 5 x 10^k; Heckbert's Graphics Gems algorithm),
//! about `target` of them, covering [lo, hi]. A degenerate range is widened around lo.
AxisTicks linearTicks(double lo, double hi, int target = 6);

//! Log-10 ticks covering [lo, hi] (both > 0): a major tick per decade (every few decades
//! when there are many), minor ticks at 2..9 x 10^k, labels "1e-3"-style or plain
//! numbers between 0.01 and 1000.
AxisTicks logTicks(double lo, double hi);

//! A compact label for a tick value at a given step (no "0.30000000000000004").
std::string tickLabel(double value, double step);

}  // namespace filmrecover::report
