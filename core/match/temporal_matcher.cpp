#include "core/match/temporal_matcher.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <tuple>
#include <unordered_map>

#include "core/exec/parallel_for.h"
#include "core/match/coarse_gain.h"
#include "core/match/element_timeline.h"
#include "core/match/framing_consensus.h"
#include "core/match/shot_band.h"
#include "core/match/shot_cuts.h"
#include "core/match/thumbnail_similarity.h"
#include "core/match/time_jump_band.h"
#include "core/match/warp_medoid.h"

namespace filmrecover::match {

namespace {

std::vector<bool> shotStarts(int n, const std::vector<int>& cuts) {
  std::vector<bool> start(n, false);
  if (n > 0) start[0] = true;
  for (int c : cuts) start[c] = true;
  return start;
}

std::vector<int> frameNumbers(const DescriptorSet& set, const std::vector<int>& indices) {
  std::vector<int> out;
  for (int i : indices) out.push_back(set.frames[i].frame);
  return out;
}

float median(std::vector<float> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// The cells of an unreadable frame (a flash) say nothing about the pictures: each takes
// the mean gain of its readable diagonal neighbours, what the path running straight
// through would have earned there. A neutral 0 made skipping the frame and running one
// frame off pay better than going through it.
void fillUnreadable(const std::vector<BandRow>& band, const std::function<float&(int, int)>& gain,
                    const std::function<bool(int, int)>& unreadable) {
  if (!unreadable) return;  // no unreadable frame in either element
  const int rows = int(band.size());
  auto usable = [&](int i, int j) {
    return i >= 0 && i < rows && j >= band[i].lo && j < band[i].hi && !unreadable(i, j);
  };
  std::vector<std::tuple<int, int, float>> fills;
  for (int i = 0; i < rows; ++i)
    for (int j = band[i].lo; j < band[i].hi; ++j) {
      if (!unreadable(i, j)) continue;
      float sum = 0;
      int n = 0;
      for (int reach = 1; reach <= 2 && n == 0; ++reach)  // a flash may be two frames long
        for (int d : {-reach, reach})
          if (usable(i + d, j + d)) sum += gain(i + d, j + d), ++n;
      fills.emplace_back(i, j, n ? sum / n : 0.0f);
    }
  for (const auto& [i, j, v] : fills) gain(i, j) = v;
}

// Pass 1: gapped alignment on the (possibly subsampled) rank similarity.
std::vector<AlignedCell> coarsePass(const DescriptorSet& S, const DescriptorSet& R, int k,
                                    const std::vector<int>& srcCuts, const std::vector<int>& refCuts,
                                    const MatchOptions& o, bool hasTc, double tcOffset,
                                    const std::function<bool(int, int)>& unreadable) {
  const int nS = int(S.frames.size()), nR = int(R.frames.size());
  const int cols = (nS + k - 1) / k, rows = (nR + k - 1) / k;
  auto pick = [k](int c, int n) { return std::min(c * k + k / 2, n - 1); };
  AxisEvents colEv, rowEv;  // subsampled: shot starts only, uniform repeat/skip costs
  colEv.shotStart.assign(cols, false);
  rowEv.shotStart.assign(rows, false);
  colEv.shotStart[0] = rowEv.shotStart[0] = true;
  for (int c : srcCuts) colEv.shotStart[c / k] = true;
  for (int c : refCuts) rowEv.shotStart[c / k] = true;
  std::vector<BandRow> band(rows, BandRow{0, cols});
  const float tcReach = 2.0f * k + 2;
  // The whole grid first (at most 1500x1500): each cell's threshold depends on the best of
  // its row and column.
  cv::Mat sim(rows, cols, CV_32F);
  parallelFor(rows, o.threads, [&](int i) {
    for (int j = 0; j < cols; ++j) sim.at<float>(i, j) = coarseSimilarity(R.frames[pick(i, nR)], S.frames[pick(j, nS)]);
  });
  cv::Mat gains = coarseGains(sim, o.coarseThreshold, o.coarseFloor, o.coarseMargin);
  if (unreadable)
    fillUnreadable(band, [&](int i, int j) -> float& { return gains.at<float>(i, j); },
                   [&](int i, int j) { return unreadable(pick(i, nR), pick(j, nS)); });
  return alignBanded(rows, cols, band,
                     [&](int i, int j) {
                       const auto& r = R.frames[pick(i, nR)];
                       const auto& s = S.frames[pick(j, nS)];
                       float g = gains.at<float>(i, j);
                       if (hasTc && std::fabs(r.frame - (s.frame + tcOffset)) <= tcReach) g += 0.1f;
                       return g;
                     },
                     rowEv, colEv, o.costs);
}

// Splits a path where it jumps (gap) or crosses a cut on either side.
template <typename Fn>
void forEachRun(const std::vector<AlignedCell>& path, const std::vector<bool>& rowStart,
                const std::vector<bool>& colStart, int k, Fn fn) {
  size_t first = 0;
  for (size_t t = 1; t <= path.size(); ++t) {
    bool split = t == path.size();
    if (!split) {
      const auto& a = path[t - 1];
      const auto& b = path[t];
      split = b.row - a.row > 2 || b.col - a.col > 2;
      for (int i = a.row * k + 1; !split && i <= b.row * k && i < int(rowStart.size()); ++i) split = rowStart[i];
      for (int j = a.col * k + 1; !split && j <= b.col * k && j < int(colStart.size()); ++j) split = colStart[j];
    }
    if (split) {
      fn(first, t);
      first = t;
    }
  }
}

// Pairs of the path spread over its stretches (runs inside one shot on both sides), at
// most `maxProbes`, field blends left out (half their lines show another moment), for the
// framing consensus; each probe's group is the index of its stretch. The path may be
// that of the subsampled first pass (cells of k frames).
std::vector<FramingProbe> framingProbes(const std::vector<AlignedCell>& path, const std::vector<bool>& rowStart,
                                        const std::vector<bool>& colStart, const AxisEvents& refEv,
                                        const AxisEvents& srcEv, int maxProbes, int k = 1) {
  std::vector<FramingProbe> probes;
  const int nS = int(colStart.size()), nR = int(rowStart.size());
  const double step = std::max(1.0, double(path.size()) / maxProbes);
  double next = step / 2;
  int run = 0;
  forEachRun(path, rowStart, colStart, k, [&](size_t a, size_t b) {
    const int group = run++;
    if (b - a < 3) return;
    for (size_t t = a + 1; t + 1 < b; ++t) {
      if (double(t) < next) continue;
      const int row = std::min(path[t].row * k + k / 2, nR - 1), col = std::min(path[t].col * k + k / 2, nS - 1);
      if (refEv.blend[row] || srcEv.blend[col] || refEv.unreadable[row] || srcEv.unreadable[col]) continue;
      FramingProbe p;
      p.row = row;
      p.col = col;
      p.group = group;
      p.colLo = col;
      while (p.colLo > 0 && !colStart[p.colLo]) --p.colLo;
      p.colHi = col + 1;
      while (p.colHi < nS && !colStart[p.colHi]) ++p.colHi;
      probes.push_back(p);
      next = double(t) + step;
    }
  });
  return probes;
}

// What every pass reads: the two elements, their cuts and the events of their timelines.
// Rows are reference frames (R), columns source frames (S).
struct Timelines {
  const DescriptorSet& S;
  const DescriptorSet& R;
  int nS = 0, nR = 0;
  std::vector<int> srcCuts, refCuts;
  std::vector<int> srcUnreadable, refUnreadable;
  std::vector<bool> colStart, rowStart;
  AxisEvents srcEv, refEv;

  // Cuts on each side (and the unreadable frames their detection meets).
  Timelines(const DescriptorSet& source, const DescriptorSet& reference)
      : S(source), R(reference), nS(int(source.frames.size())), nR(int(reference.frames.size())) {
    srcCuts = detectCuts(S.frames, {}, &srcUnreadable);
    refCuts = detectCuts(R.frames, {}, &refUnreadable);
  }
  // Shot starts, and per frame: duplicates, jumps, field blends, unreadable frames.
  void analyse(const MatchOptions& o) {
    colStart = shotStarts(nS, srcCuts);
    rowStart = shotStarts(nR, refCuts);
    TimelineOptions timelineOptions;
    timelineOptions.combFlag = o.combFlag;
    timelineOptions.threads = o.threads;
    srcEv = analyseTimeline(S, srcCuts, timelineOptions, nullptr, srcUnreadable);
    refEv = analyseTimeline(R, refCuts, timelineOptions, nullptr, refUnreadable);
  }
  // An unreadable frame (a flash) matches nothing; its cells are neutral, so the path runs
  // straight through it with its neighbours, and its pair is flagged.
  bool unreadable(int i, int j) const { return bool(refEv.unreadable[i]) || bool(srcEv.unreadable[j]); }
  // Empty when neither element has one, so the passes skip looking for them cell by cell.
  std::function<bool(int, int)> anyUnreadable() const {
    if (srcUnreadable.empty() && refUnreadable.empty()) return {};
    return [this](int i, int j) { return unreadable(i, j); };
  }
};

// The mapping of elements of which one has no frame: every frame unmatched.
void markEverythingUnmatched(Mapping& m, const DescriptorSet& S, const DescriptorSet& R) {
  std::vector<int> all;
  for (const auto& f : S.frames) all.push_back(f.frame);
  m.unmatchedSource = rangesOf(all);
  all.clear();
  for (const auto& f : R.frames) all.push_back(f.frame);
  m.unmatchedReference = rangesOf(all);
}

// The framing of one element inside the other (reframing, overscan, anamorphic squeeze,
// letterbox) is a property of the transfer, so one thumbnail warp serves the element.
// One pair alone cannot tell a framing shift from the camera moving between two
// neighbouring frames (a pan is exactly that), so the warp is the medoid of pairs
// from every stretch: the pans of different shots do not agree, the framing does
// (warp_medoid.h: some registrations stop in another optimum, and a per-element median
// would mix them in). The registered warps are added to `warps`.
cv::Mat framingFromCoarsePath(const Timelines& t, const std::vector<AlignedCell>& coarse, int k,
                              std::vector<cv::Mat>& warps) {
  forEachRun(coarse, t.rowStart, t.colStart, k, [&](size_t a, size_t b) {
    for (size_t p : {a + (b - a) / 4, a + (b - a) / 2, a + 3 * (b - a) / 4}) {
      const int ri = std::min(coarse[p].row * k + k / 2, t.nR - 1);
      const int sj = std::min(coarse[p].col * k + k / 2, t.nS - 1);
      double rho = -1;
      cv::Mat w = registerThumbnails(t.S.frames[sj], t.R.frames[ri], &rho);
      if (rho > 0.5) warps.push_back(w);
    }
  });
  return medoidWarp(warps);
}

// The first pass places frames only to within its plateau: rank correlation changes
// little over many frames of a slow shot (seen 8 frames off at the open start of a
// shot), and a warp registered on such a pair carries that many steps of the camera's
// motion. So the framing is asked by consensus (framing_consensus.h) from probes along
// the first path, each trying the source frames up to `framingSearch` (plus the
// subsampling) around its pair; `warp` becomes the consensus when it improves on it.
// Returns, per stretch of the first path, the (min, max) frame offset its probes showed:
// the band of the second pass around that stretch reaches that much further.
std::vector<std::pair<int, int>> settleFramingOnCoarsePath(const Timelines& t, const std::vector<AlignedCell>& coarse,
                                                           int k, const MatchOptions& o, cv::Mat& warp,
                                                           std::vector<cv::Mat>& warps) {
  std::vector<std::pair<int, int>> runShift;
  const auto probes = framingProbes(coarse, t.rowStart, t.colStart, t.refEv, t.srcEv, 24, k);
  const FramingConsensus c = consensusFraming(t.S, t.R, probes, warp, k + o.framingSearch, 0.15, o.threads);
  if (!c.improves()) return runShift;
  warp = c.warp;
  warps.push_back(warp);
  for (size_t p = 0; p < probes.size(); ++p) {
    const int d = c.offsets[p];
    if (d == FramingConsensus::kNoOffset) continue;
    if (int(runShift.size()) <= probes[p].group) runShift.resize(probes[p].group + 1, {0, 0});
    auto& r = runShift[probes[p].group];
    r.first = std::min(r.first, d), r.second = std::max(r.second, d);
  }
  return runShift;
}

// The band of the second pass: the rows x columns around the first path it may use.
struct FineBand {
  std::vector<BandRow> rows;
  int maxWidth = 0;  //!< the widest a row may be before it is taken to straddle a jump
};

// Band of pass 2 around pass 1: every coarse cell, reaching `bandRadius` (and its stretch's
// consensus offsets) around it; a row the path crosses twice (a jump) keeps the nearest
// side; then widened to whole linked shots and across time jumps.
FineBand fineBandAround(const Timelines& t, const std::vector<AlignedCell>& coarse, int k,
                        const std::vector<std::pair<int, int>>& runShift, const MatchOptions& o) {
  const int nS = t.nS, nR = t.nR;
  const int reach = k + o.bandRadius;
  std::vector<std::vector<std::pair<int, BandRow>>> contributions(nR);  // (row distance, cols)
  std::vector<int> coarseRun(coarse.size(), 0);
  {
    int run = 0;
    forEachRun(coarse, t.rowStart, t.colStart, k, [&](size_t a, size_t b) {
      for (size_t p = a; p < b; ++p) coarseRun[p] = run;
      ++run;
    });
  }
  for (size_t p = 0; p < coarse.size(); ++p) {
    const auto& c = coarse[p];
    const int i0 = c.row * k, j0 = c.col * k;
    const auto shift = coarseRun[p] < int(runShift.size()) ? runShift[coarseRun[p]] : std::pair<int, int>{0, 0};
    for (int i = std::max(0, i0 - reach); i <= std::min(nR - 1, i0 + k - 1 + reach); ++i) {
      const int dist = i < i0 ? i0 - i : std::max(0, i - (i0 + k - 1));
      contributions[i].push_back(
          {dist, BandRow{std::max(0, j0 - reach + shift.first), std::min(nS, j0 + k + reach + shift.second)}});
    }
  }
  FineBand band;
  band.rows.assign(nR, BandRow{0, 0});
  band.maxWidth = 4 * (k + 2 * reach) + 2 * (k + o.framingSearch);
  for (int i = 0; i < nR; ++i) {
    auto& cs = contributions[i];
    if (cs.empty()) continue;
    BandRow u{nS, 0};
    for (const auto& c : cs) u.lo = std::min(u.lo, c.second.lo), u.hi = std::max(u.hi, c.second.hi);
    if (u.hi - u.lo > band.maxWidth)  // straddles a jump: keep the nearest side only
      u = std::min_element(cs.begin(), cs.end(), [](auto& a, auto& b) { return a.first < b.first; })->second;
    band.rows[i] = u;
  }
  {
    std::vector<std::pair<int, int>> links;
    for (const auto& c : coarse) links.push_back({std::min(c.row * k + k / 2, nR - 1), std::min(c.col * k + k / 2, nS - 1)});
    widenBandToLinkedShots(band.rows, links, t.rowStart, t.colStart, o.maxShotBand);
  }
  widenBandAtTimeJumps(band.rows, nS, t.refEv, t.srcEv, o.maxTimeJump);
  return band;
}

// Fine gains (fine similarity minus its threshold) per band row, from the band's lo.
using BandGains = std::vector<std::vector<float>>;

// Pass 2 with the thumbnail warp `w`: fine gains over the band (reference vectors per row,
// source vectors cached) into `gains`, and the gapped alignment on them.
std::vector<AlignedCell> finePass(const Timelines& t, const FineBand& fineBand, const cv::Mat& w,
                                  const MatchOptions& o, const CancelToken& cancel, BandGains& gains) {
  const auto& band = fineBand.rows;
  const cv::Mat mask = overlapMask(w);
  std::vector<std::vector<float>> srcVec(t.nS);
  for (int i = 0; i < t.nR; ++i) {
    if (band[i].hi <= band[i].lo) continue;
    if (i % 256 == 0) cancel.throwIfCancelled();
    const auto refVec = fineVector(t.R.frames[i], mask, w);
    gains[i].resize(band[i].hi - band[i].lo);
    for (int j = band[i].lo; j < band[i].hi; ++j) {
      if (srcVec[j].empty()) srcVec[j] = fineVector(t.S.frames[j], mask);
      gains[i][j - band[i].lo] = t.unreadable(i, j) ? 0.0f : fineSimilarity(refVec, srcVec[j]) - o.fineThreshold;
    }
    // Free source vectors far behind the band: bands move forward with the rows.
    if (i % 64 == 0)
      for (int j = 0; j < band[i].lo - 4 * fineBand.maxWidth; ++j) std::vector<float>().swap(srcVec[j]);
  }
  fillUnreadable(band, [&](int i, int j) -> float& { return gains[i][j - band[i].lo]; }, t.anyUnreadable());
  return alignBanded(t.nR, t.nS, band, [&](int i, int j) { return gains[i][j - band[i].lo]; }, t.refEv, t.srcEv,
                     o.costs);
}

// Pass 2, run again after the framing is re-estimated by consensus (framing_consensus.h) on
// probes spread over the stretches of the previous run's path (at most 48 probes, so the
// cost does not grow with the length of the film): the phase inside a panning shot is
// decided by how exactly the framing is known, and a warp taken from the path's own pairs
// would keep whatever frame offset those pairs had. At most three rounds; `warp` ends as
// the settled framing, each adopted one added to `warps`.
std::vector<AlignedCell> fineAlignmentWithSettledFraming(const Timelines& t, const FineBand& band,
                                                         const MatchOptions& o, const CancelToken& cancel,
                                                         cv::Mat& warp, std::vector<cv::Mat>& warps,
                                                         BandGains& gains) {
  auto fine = finePass(t, band, warp, o, cancel, gains);
  for (int round = 0; round < 3 && !fine.empty(); ++round) {
    const std::vector<FramingProbe> probes = framingProbes(fine, t.rowStart, t.colStart, t.refEv, t.srcEv, 48);
    const FramingConsensus c = consensusFraming(t.S, t.R, probes, warp, 2, 0.15, o.threads);
    if (!c.improves()) break;  // not even better than the start: keep it
    const double moved = warpDistance(c.warp, warp);
    warp = c.warp;
    warps.push_back(warp);
    fine = finePass(t, band, warp, o, cancel, gains);
    if (moved < 0.02 && c.valid) break;  // the framing has settled
  }
  return fine;
}

// The final path, one cell per source frame (in source order), and which reference frames
// the fine path used.
struct PairedPath {
  std::vector<AlignedCell> byCol;
  std::vector<bool> refUsed;
};

// One pair per source frame: a progressive reference frame first, then the most similar.
PairedPath onePairPerSourceFrame(const Timelines& t, const std::vector<AlignedCell>& fine) {
  auto refCombed = [&](int i) { return bool(t.refEv.blend[i]); };
  std::map<int, AlignedCell> chosen;  // by source index
  PairedPath path;
  path.refUsed.assign(t.nR, false);
  for (const auto& c : fine) {
    path.refUsed[c.row] = true;
    auto it = chosen.find(c.col);
    if (it == chosen.end()) {
      chosen[c.col] = c;
      continue;
    }
    const bool newClean = !refCombed(c.row), oldClean = !refCombed(it->second.row);
    if ((newClean && !oldClean) || (newClean == oldClean && c.gain > it->second.gain)) it->second = c;
  }
  for (const auto& [j, c] : chosen) path.byCol.push_back(c);
  return path;
}

// The pairs of the path with their confidence and flags: unreadable, interlaced, or low
// confidence (below the floor, or an outlier below its stretch's median similarity, unless
// the frame is damaged but still distinct).
std::vector<FramePair> flaggedPairs(const Timelines& t, const std::vector<AlignedCell>& pathByCol, const FineBand& fineBand,
                                    const BandGains& gains, const MatchOptions& o) {
  const auto& band = fineBand.rows;
  // Stretches of the final path and their median similarity.
  std::vector<int> runOf(pathByCol.size(), 0);
  std::vector<float> runMedian;
  forEachRun(pathByCol, t.rowStart, t.colStart, 1, [&](size_t a, size_t b) {
    std::vector<float> sims;
    for (size_t p = a; p < b; ++p) sims.push_back(pathByCol[p].gain + o.fineThreshold), runOf[p] = int(runMedian.size());
    runMedian.push_back(median(sims));
  });

  // A low similarity means another picture (a flash, a splice, a wrong stretch) or the
  // same picture damaged (a blotch, a scratch over much of it). A damaged frame is still
  // clearly above chance, and either the best match of its source frame among the
  // reference frames around the pair (in a moving shot) or held in place by its
  // neighbours (the pairs before and after it are the diagonal next to it and good: in a
  // slow shot every nearby reference frame matches it about equally); another picture
  // matches nothing above chance.
  auto heldByNeighbours = [&](size_t p) {
    if (p == 0 || p + 1 >= pathByCol.size()) return false;
    const auto &a = pathByCol[p - 1], &c = pathByCol[p], &b = pathByCol[p + 1];
    auto good = [&](const AlignedCell& x) { return x.gain + o.fineThreshold >= o.minConfidence; };
    return a.row == c.row - 1 && a.col == c.col - 1 && b.row == c.row + 1 && b.col == c.col + 1 && good(a) &&
           good(b);
  };
  auto damagedButDistinct = [&](const AlignedCell& c, float sim, size_t p) {
    if (sim < o.minDistinctSimilarity) return false;
    if (heldByNeighbours(p)) return true;
    int compared = 0;
    for (int r = c.row - 2; r <= c.row + 2; ++r) {
      if (r == c.row || r < 0 || r >= t.nR || c.col < band[r].lo || c.col >= band[r].hi) continue;
      if (t.refEv.duplicate[std::max(r, c.row)] && std::abs(r - c.row) == 1) continue;  // the same picture again
      ++compared;
      if (gains[r][c.col - band[r].lo] + o.fineThreshold >= sim) return false;
    }
    return compared >= 2;
  };
  std::vector<FramePair> pairs;
  for (size_t p = 0; p < pathByCol.size(); ++p) {
    const auto& c = pathByCol[p];
    FramePair pair;
    pair.source = t.S.frames[c.col].frame;
    pair.reference = t.R.frames[c.row].frame;
    const float sim = c.gain + o.fineThreshold;
    pair.confidence = t.unreadable(c.row, c.col) ? 0.0f : std::clamp(sim, 0.0f, 1.0f);
    if (t.unreadable(c.row, c.col))
      pair.flag = kFlagLowConfidence;
    else if (t.refEv.blend[c.row] || t.srcEv.blend[c.col])
      pair.flag = kFlagInterlaced;
    else if ((sim < o.minConfidence || sim < runMedian[runOf[p]] - o.shotOutlier) && !damagedButDistinct(c, sim, p))
      pair.flag = kFlagLowConfidence;
    pairs.push_back(pair);
  }
  return pairs;
}

// Segments: runs of the path without a gap (cuts present on both sides do not end a
// segment), each with the rate and offset of a least-squares line through its pairs.
std::vector<MatchedSegment> segmentsOf(const Timelines& t, const std::vector<AlignedCell>& pathByCol) {
  std::vector<MatchedSegment> segments;
  std::vector<bool> noStartS(t.nS, false), noStartR(t.nR, false);
  forEachRun(pathByCol, noStartR, noStartS, 1, [&](size_t a, size_t b) {
    MatchedSegment seg;
    seg.source = {t.S.frames[pathByCol[a].col].frame, t.S.frames[pathByCol[b - 1].col].frame};
    seg.reference = {t.R.frames[pathByCol[a].row].frame, t.R.frames[pathByCol[b - 1].row].frame};
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    const double n = double(b - a);
    for (size_t p = a; p < b; ++p) {
      const double x = t.S.frames[pathByCol[p].col].frame, y = t.R.frames[pathByCol[p].row].frame;
      sx += x, sy += y, sxx += x * x, sxy += x * y;
    }
    const double den = n * sxx - sx * sx;
    seg.rate = den > 1e-9 ? (n * sxy - sx * sy) / den : 1.0;
    seg.offset = (sy - seg.rate * sx) / n;
    segments.push_back(seg);
  });
  return segments;
}

// Rate and offset of the whole: median rate of segments (weighted by length), longest offset.
void setRateAndOffset(Mapping& m) {
  std::vector<float> rates;
  const MatchedSegment* longest = nullptr;
  for (const auto& seg : m.segments) {
    const int len = seg.source.last - seg.source.first + 1;
    if (len >= 10)
      for (int r = 0; r < len; ++r) rates.push_back(float(seg.rate));
    if (!longest || len > longest->source.last - longest->source.first + 1) longest = &seg;
  }
  if (!rates.empty()) m.rateRatio = median(rates);
  if (longest) m.offset = longest->offset;
}

// The framing in full-resolution pixels: source pixel -> source thumbnail -> reference
// thumbnail (the warp) -> reference pixel.
void setFramingInPixels(Mapping& m, const cv::Mat& warp, const Rect& sourceArea, const Rect& referenceArea) {
  auto thumbToPixels = [](const Rect& a) {
    const double sx = double(a.width()) / kFineSide, sy = double(a.height()) / kFineSide;
    return cv::Matx33d(sx, 0, a.x0 + 0.5 * sx - 0.5, 0, sy, a.y0 + 0.5 * sy - 0.5, 0, 0, 1);
  };
  const cv::Matx33d w(warp.at<float>(0, 0), warp.at<float>(0, 1), warp.at<float>(0, 2), warp.at<float>(1, 0),
                      warp.at<float>(1, 1), warp.at<float>(1, 2), 0, 0, 1);
  const cv::Matx33d f = thumbToPixels(referenceArea) * w * thumbToPixels(sourceArea).inv();
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) m.framing[r * 3 + c] = f(r, c);
  m.hasFraming = true;
}

// The frames of each element that no pair uses, as ranges.
void setUnmatched(Mapping& m, const Timelines& t, const PairedPath& path) {
  std::vector<bool> srcPaired(t.nS, false);
  for (const auto& c : path.byCol) srcPaired[c.col] = true;
  std::vector<int> unmatched;
  for (int j = 0; j < t.nS; ++j)
    if (!srcPaired[j]) unmatched.push_back(t.S.frames[j].frame);
  m.unmatchedSource = rangesOf(unmatched);
  unmatched.clear();
  for (int i = 0; i < t.nR; ++i)
    if (!path.refUsed[i]) unmatched.push_back(t.R.frames[i].frame);
  m.unmatchedReference = rangesOf(unmatched);
}

}  // namespace

Mapping matchDescriptors(const DescriptorSet& S, const DescriptorSet& R, const MatchOptions& o,
                         const CancelToken& cancel, bool hasTc, double tcOffset) {
  Mapping m;
  m.sourceWidth = S.width;
  m.sourceHeight = S.height;
  m.referenceWidth = R.width;
  m.referenceHeight = R.height;
  m.sourceActiveArea = S.activeArea;
  m.referenceActiveArea = R.activeArea;
  Timelines t(S, R);
  m.sourceCuts = frameNumbers(S, t.srcCuts);
  m.referenceCuts = frameNumbers(R, t.refCuts);
  if (t.nS == 0 || t.nR == 0) {
    markEverythingUnmatched(m, S, R);
    return m;
  }
  t.analyse(o);

  // Pass 1, subsampled to at most maxCoarseGrid cells a side.
  const int k = std::max(1, (std::max(t.nS, t.nR) + o.maxCoarseGrid - 1) / o.maxCoarseGrid);
  const auto coarse = coarsePass(S, R, k, t.srcCuts, t.refCuts, o, hasTc, tcOffset, t.anyUnreadable());
  cancel.throwIfCancelled();

  // The framing of one element in the other, from the first path.
  std::vector<cv::Mat> warps;
  cv::Mat warp = framingFromCoarsePath(t, coarse, k, warps);
  const auto runShift = settleFramingOnCoarsePath(t, coarse, k, o, warp, warps);

  // Pass 2, frame-accurate, in a band around pass 1, the framing settled along it.
  const FineBand band = fineBandAround(t, coarse, k, runShift, o);
  BandGains gains(t.nR);
  const auto fine = fineAlignmentWithSettledFraming(t, band, o, cancel, warp, warps, gains);

  // The result: pairs and flags, segments, rate and offset, framing, what is unmatched.
  const PairedPath path = onePairPerSourceFrame(t, fine);
  m.pairs = flaggedPairs(t, path.byCol, band, gains, o);
  m.segments = segmentsOf(t, path.byCol);
  setRateAndOffset(m);
  if (!warps.empty()) setFramingInPixels(m, warp, S.activeArea, R.activeArea);
  setUnmatched(m, t, path);
  return m;
}

}  // namespace filmrecover::match
