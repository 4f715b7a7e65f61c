#include "core/match/gapped_alignment.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace filmrecover::match {

namespace {

constexpr float kNone = -std::numeric_limits<float>::infinity();

enum Move : std::uint8_t { kStart, kDiag, kRowRepeat, kColRepeat, kColSkip, kRowSkip, kGap };

// Prefix maximum over columns of (score, cell), for the gap jumps: the best cell of all
// finished rows with a column below j, in O(log cols).
class PrefixMax {
 public:
  explicit PrefixMax(int n) : value_(n + 1, kNone), cell_(n + 1, -1) {}
  void insert(int col, float v, std::int64_t cell) {
    for (int k = col + 1; k < static_cast<int>(value_.size()); k += k & -k)
      if (v > value_[k]) value_[k] = v, cell_[k] = cell;
  }
  // Best over columns [0, col).
  std::pair<float, std::int64_t> query(int col) const {
    float best = kNone;
    std::int64_t cell = -1;
    for (int k = col; k > 0; k -= k & -k)
      if (value_[k] > best) best = value_[k], cell = cell_[k];
    return {best, cell};
  }

 private:
  std::vector<float> value_;
  std::vector<std::int64_t> cell_;
};

}  // namespace

std::vector<AlignedCell> alignBanded(int rows, int cols, const std::vector<BandRow>& band,
                                     const std::function<float(int, int)>& gain,
                                     const AxisEvents& rowEv, const AxisEvents& colEv,
                                     const AlignmentCosts& costs) {
  auto flag = [](const std::vector<bool>& v, int k) { return k >= 0 && k < int(v.size()) && v[k]; };
  // Cost of a repeat or skip that the timeline supports (or not).
  auto eventCost = [&](const AxisEvents& ev, bool supported) {
    return !ev.evidence ? costs.uniform : supported ? costs.likely : costs.unlikely;
  };
  // Prefix counts of shot starts, to know whether a step crosses a cut.
  auto prefix = [](const std::vector<bool>& v, int n) {
    std::vector<int> p(n + 1, 0);
    for (int k = 0; k < n; ++k) p[k + 1] = p[k] + (k < int(v.size()) && v[k] && k > 0);
    return p;
  };
  const std::vector<int> rowCuts = prefix(rowEv.shotStart, rows), colCuts = prefix(colEv.shotStart, cols);
  // Extra cost of the step (i0,j0) -> (i,j) when only one element crosses a cut.
  // Steps from before the first row or column (i0 or j0 = -2, which `at` then refuses) are
  // priced too: their prefix is 0 rather than a read before the array (AddressSanitizer).
  auto cutsThrough = [](const std::vector<int>& p, int k) { return k + 1 <= 0 ? 0 : p[static_cast<size_t>(k + 1)]; };
  auto mismatch = [&](int i0, int j0, int i, int j) {
    const bool r = cutsThrough(rowCuts, i) - cutsThrough(rowCuts, i0) > 0,
               c = cutsThrough(colCuts, j) - cutsThrough(colCuts, j0) > 0;
    return r != c ? costs.cutMismatch : 0.0f;
  };
  std::vector<std::int64_t> offset(rows + 1, 0);
  for (int i = 0; i < rows; ++i)
    offset[i + 1] = offset[i] + std::max(0, band[i].hi - band[i].lo);
  const std::int64_t cells = offset[rows];
  std::vector<float> score(cells, kNone), cellGain(cells, 0);
  std::vector<std::uint8_t> move(cells, kStart);
  std::vector<std::int64_t> gapFrom(cells, -1);

  auto cellOf = [&](int i, int j) -> std::int64_t {
    if (i < 0 || j < 0 || band[i].lo > j || band[i].hi <= j) return -1;
    return offset[i] + (j - band[i].lo);
  };
  auto at = [&](int i, int j) {
    const std::int64_t c = cellOf(i, j);
    return c < 0 ? kNone : score[c];
  };

  PrefixMax finished(cols);
  float best = kNone;
  std::int64_t bestCell = -1;
  for (int i = 0; i < rows; ++i) {
    for (int j = band[i].lo; j < band[i].hi; ++j) {
      const std::int64_t c = cellOf(i, j);
      const float g = gain(i, j);
      cellGain[c] = g;
      // (candidate score, move); the landing gain is weighted by the frames advanced.
      float s = 2 * g;
      std::uint8_t m = kStart;
      auto consider = [&](float prev, float weight, float cost, Move mv) {
        if (prev == kNone) return;
        const float v = prev + weight * g - cost;
        if (v > s) s = v, m = mv;
      };
      // A diagonal step into a frame that its element shows repeated or following a lost
      // frame pairs one of the two frames around it wrongly (two copies of one picture
      // with two moments, or the frames on either side of a gap with consecutive ones).
      auto ignored = [&](const AxisEvents& ev, int k) {
        return ev.evidence && (flag(ev.duplicate, k) || flag(ev.jump, k)) ? costs.ignoredEvent : 0.0f;
      };
      consider(at(i - 1, j - 1), 2, mismatch(i - 1, j - 1, i, j) + ignored(rowEv, i) + ignored(colEv, j), kDiag);
      // A repeat that the element's own timeline shows (a duplicate, a field blend) is a
      // frame the transfer inserted: it weighs as much as a diagonal step, so where the
      // pictures cannot tell (a still shot) the path keeps the element's cadence rather
      // than drifting to rate 1. Unsupported repeats weigh half (a staircase never beats
      // the diagonal).
      const bool rowRepeatShown =
          flag(rowEv.duplicate, i) || flag(rowEv.blend, i) || flag(rowEv.blend, i - 1);
      const bool colRepeatShown = flag(colEv.duplicate, j);
      // Reference frame i shows the same source frame as i-1.
      consider(at(i - 1, j), rowEv.evidence && rowRepeatShown ? 2.0f : 1.0f,
               eventCost(rowEv, rowRepeatShown) + mismatch(i - 1, j, i, j), kRowRepeat);
      // Source frame j shows the same reference frame as j-1.
      consider(at(i, j - 1), colEv.evidence && colRepeatShown ? 2.0f : 1.0f,
               eventCost(colEv, colRepeatShown) + mismatch(i, j - 1, i, j), kColRepeat);
      // The first or last frame of a shot lost on one element at a cut both elements show
      // (a splice, a frame the transfer dropped right at the cut): no motion crosses a cut,
      // so the timeline cannot show it; such a skip costs `headLost`, not `unlikely`.
      auto skipCost = [&](const AxisEvents& ev, bool shown, bool atCut) {
        const float c = eventCost(ev, shown);
        return atCut ? std::min(c, costs.headLost) : c;
      };
      // Source frame j-1 is missing from the reference: the reference jumps at i.
      consider(at(i - 1, j - 2), 3,
               skipCost(rowEv, flag(rowEv.jump, i),
                        flag(rowEv.shotStart, i) && (flag(colEv.shotStart, j - 1) || flag(colEv.shotStart, j))) +
                   mismatch(i - 1, j - 2, i, j),
               kColSkip);
      // Reference frame i-1 is missing from the source (or a blend): the source jumps at j.
      consider(at(i - 2, j - 1), 3,
               skipCost(colEv, flag(colEv.jump, j) || flag(rowEv.blend, i - 1),
                        flag(colEv.shotStart, j) && (flag(rowEv.shotStart, i - 1) || flag(rowEv.shotStart, i))) +
                   mismatch(i - 2, j - 1, i, j),
               kRowSkip);
      const auto [prevBest, prevCell] = finished.query(j);
      // A jump lands best where both elements start a shot, still well where one does
      // (the other lacks the head of that shot), worst inside shots on both.
      const int starts = int(flag(rowEv.shotStart, i) || flag(rowEv.softStart, i)) +
                         int(flag(colEv.shotStart, j) || flag(colEv.softStart, j));
      const float gapCost = starts == 2 ? costs.gapAtCut
                            : starts == 1 ? costs.gapAtCut + costs.oneSidedStart
                                          : costs.gapInShot;
      if (prevCell >= 0 && prevBest + 2 * g - gapCost > s) {
        s = prevBest + 2 * g - gapCost;
        m = kGap;
        gapFrom[c] = prevCell;
      }
      score[c] = s;
      move[c] = m;
      if (s > best) best = s, bestCell = c;
    }
    for (int j = band[i].lo; j < band[i].hi; ++j) {
      const std::int64_t c = cellOf(i, j);
      if (score[c] > 0) finished.insert(j, score[c], c);
    }
  }

  std::vector<AlignedCell> path;
  if (bestCell < 0 || best <= 0) return path;
  // Row of a cell index, by binary search over the row offsets.
  auto rowOf = [&](std::int64_t c) {
    return static_cast<int>(std::upper_bound(offset.begin(), offset.end(), c) - offset.begin()) - 1;
  };
  for (std::int64_t c = bestCell; c >= 0;) {
    const int i = rowOf(c);
    const int j = band[i].lo + static_cast<int>(c - offset[i]);
    path.push_back(AlignedCell{i, j, cellGain[c]});
    switch (move[c]) {
      case kStart: c = -1; break;
      case kDiag: c = cellOf(i - 1, j - 1); break;
      case kRowRepeat: c = cellOf(i - 1, j); break;
      case kColRepeat: c = cellOf(i, j - 1); break;
      case kColSkip: c = cellOf(i - 1, j - 2); break;
      case kRowSkip: c = cellOf(i - 2, j - 1); break;
      default: c = gapFrom[c]; break;
    }
  }
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace filmrecover::match
