#include "core/match/cadence.h"

#include <algorithm>
#include <cmath>

namespace filmrecover::match {

namespace {

// Whole periods in `gap` when it fits the period within one frame, else 0.
int periodsIn(int gap, double period) {
  const int n = int(std::lround(gap / period));
  return n >= 1 && std::fabs(gap - n * period) <= 1.0 ? n : 0;
}

}  // namespace

Cadence estimateCadence(const std::vector<int>& events) {
  Cadence c;
  if (events.size() < 4) return c;
  std::vector<int> gaps;
  for (size_t k = 1; k < events.size(); ++k) gaps.push_back(events[k] - events[k - 1]);
  // The shortest common gap is one period (longer ones span missed events): try each
  // distinct gap as the start, refine to the mean over the gaps it fits, keep the best.
  std::vector<int> starts = gaps;
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  int bestFit = 0;
  for (int s : starts) {
    if (s < 4) continue;
    double periods = 0, frames = 0;
    for (int g : gaps)
      if (const int n = periodsIn(g, s)) periods += n, frames += g;
    if (periods == 0) continue;
    const double p = frames / periods;
    int fit = 0;
    for (int g : gaps) fit += periodsIn(g, p) > 0;
    if (fit > bestFit) bestFit = fit, c.period = p;
  }
  c.valid = bestFit * 4 >= int(gaps.size()) * 3;
  return c;
}

int bridgeCadence(std::vector<bool>& events, const std::vector<bool>& seen, const std::vector<bool>& shotStart) {
  std::vector<int> at;
  for (int i = 0; i < int(events.size()); ++i)
    if (events[i]) at.push_back(i);
  const Cadence c = estimateCadence(at);
  if (!c.valid) return 0;
  int added = 0;
  for (size_t k = 1; k < at.size(); ++k) {
    const int gap = at[k] - at[k - 1], n = periodsIn(gap, c.period);
    for (int m = 1; m < n; ++m) {
      const int p = at[k - 1] + int(std::lround(double(m) * gap / n));
      if (p < 0 || p >= int(events.size()) || events[p]) continue;
      if ((p < int(seen.size()) && seen[p]) || (p < int(shotStart.size()) && shotStart[p])) continue;
      events[p] = true;
      ++added;
    }
  }
  return added;
}

}  // namespace filmrecover::match
