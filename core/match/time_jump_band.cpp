#include "core/match/time_jump_band.h"

#include <algorithm>

namespace filmrecover::match {

namespace {

bool at(const std::vector<bool>& v, int k) { return k >= 0 && k < int(v.size()) && v[k]; }

// First index after k that starts a shot (or n).
int shotEnd(const std::vector<bool>& starts, int k, int n) {
  int e = k + 1;
  while (e < n && !at(starts, e)) ++e;
  return e;
}

}  // namespace

void widenBandAtTimeJumps(std::vector<BandRow>& band, int cols, const AxisEvents& refEv, const AxisEvents& srcEv,
                          int reach) {
  const int rows = int(band.size());
  const std::vector<BandRow> original = band;
  for (int i0 = 0; i0 < rows; ++i0) {
    if (!at(refEv.softStart, i0) || original[i0].hi <= original[i0].lo) continue;
    const int rowEnd = shotEnd(refEv.shotStart, i0, rows);
    const int colEnd = shotEnd(srcEv.shotStart, (original[i0].lo + original[i0].hi) / 2, cols);
    for (int i = i0; i < rowEnd; ++i)
      if (original[i].hi > original[i].lo)
        band[i].hi = std::max(band[i].hi, std::min(colEnd, original[i].hi + reach));
  }
  for (int j0 = 0; j0 < cols; ++j0) {
    if (!at(srcEv.softStart, j0)) continue;
    int i0 = 0;
    while (i0 < rows && !(original[i0].lo <= j0 && j0 < original[i0].hi)) ++i0;
    if (i0 == rows) continue;
    const int rowEnd = shotEnd(refEv.shotStart, i0, rows);
    for (int i = i0; i < rowEnd; ++i)
      if (original[i].hi > original[i].lo)
        band[i].lo = std::min(band[i].lo, std::max(j0, original[i].lo - reach));
  }
}

}  // namespace filmrecover::match
