#include "core/match/shot_band.h"

#include <algorithm>
#include <map>

namespace filmrecover::match {

namespace {

// [first, end) of the shot holding index k.
std::pair<int, int> shotAround(const std::vector<bool>& starts, int k) {
  int a = k, b = k + 1;
  while (a > 0 && !starts[a]) --a;
  while (b < int(starts.size()) && !starts[b]) ++b;
  return {a, b};
}

}  // namespace

void widenBandToLinkedShots(std::vector<BandRow>& band, const std::vector<std::pair<int, int>>& links,
                            const std::vector<bool>& rowStart, const std::vector<bool>& colStart, int maxSpan) {
  const int rows = int(band.size()), cols = int(colStart.size());
  // Reference shot (by its first row) -> columns its linked source shots cover.
  std::map<int, std::pair<int, int>> reach;
  std::map<int, int> shotEnd;
  for (const auto& [row, col] : links) {
    if (row < 0 || row >= rows || col < 0 || col >= cols) continue;
    const auto r = shotAround(rowStart, row);
    const auto c = shotAround(colStart, col);
    shotEnd[r.first] = r.second;
    auto it = reach.find(r.first);
    if (it == reach.end())
      reach[r.first] = c;
    else
      it->second = {std::min(it->second.first, c.first), std::max(it->second.second, c.second)};
  }
  // A reference shot with no link between two linked ones (the first pass crossed it
  // with a gap: the second part of a censored shot that cut detection took for a new
  // shot, a shot too flat for ranks) lies, in time, between the source shots of its
  // neighbours.
  std::map<int, std::pair<int, int>> holes;
  const std::pair<int, int>* before = nullptr;
  for (int first = 0; first < rows;) {
    const auto shot = shotAround(rowStart, first);
    const auto it = reach.find(first);
    if (it != reach.end()) {
      before = &it->second;
    } else if (before) {
      const auto after = reach.lower_bound(shot.second);
      if (after != reach.end()) {
        holes[first] = {before->first, after->second.second};
        shotEnd[first] = shot.second;
      }
    }
    first = shot.second;
  }
  reach.insert(holes.begin(), holes.end());
  for (const auto& [first, span] : reach) {
    if (span.second - span.first > maxSpan) continue;
    for (int i = first; i < shotEnd[first]; ++i) {
      BandRow& b = band[i];
      if (b.hi <= b.lo) {
        b = BandRow{span.first, span.second};
      } else {
        b.lo = std::min(b.lo, span.first);
        b.hi = std::max(b.hi, span.second);
      }
    }
  }
}

}  // namespace filmrecover::match
