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
  const int nS = int(S.frames.size()), nR = int(R.frames.size());
  std::vector<int> srcUnreadable, refUnreadable;
  const std::vector<int> srcCuts = detectCuts(S.frames, {}, &srcUnreadable),
                         refCuts = detectCuts(R.frames, {}, &refUnreadable);
  m.sourceCuts = frameNumbers(S, srcCuts);
  m.referenceCuts = frameNumbers(R, refCuts);
  if (nS == 0 || nR == 0) {
    std::vector<int> all;
    for (const auto& f : S.frames) all.push_back(f.frame);
    m.unmatchedSource = rangesOf(all);
    all.clear();
    for (const auto& f : R.frames) all.push_back(f.frame);
    m.unmatchedReference = rangesOf(all);
    return m;
  }
  const std::vector<bool> colStart = shotStarts(nS, srcCuts), rowStart = shotStarts(nR, refCuts);
  TimelineOptions timelineOptions;
  timelineOptions.combFlag = o.combFlag;
  timelineOptions.threads = o.threads;
  const AxisEvents srcEv = analyseTimeline(S, srcCuts, timelineOptions, nullptr, srcUnreadable);
  const AxisEvents refEv = analyseTimeline(R, refCuts, timelineOptions, nullptr, refUnreadable);
  // An unreadable frame (a flash) matches nothing; its cells are neutral, so the path runs
  // straight through it with its neighbours, and its pair is flagged.
  auto unreadable = [&](int i, int j) { return bool(refEv.unreadable[i]) || bool(srcEv.unreadable[j]); };
  // Empty when neither element has one, so the passes skip looking for them cell by cell.
  const std::function<bool(int, int)> anyUnreadable =
      srcUnreadable.empty() && refUnreadable.empty() ? std::function<bool(int, int)>() : unreadable;

  // Pass 1.
  const int k = std::max(1, (std::max(nS, nR) + o.maxCoarseGrid - 1) / o.maxCoarseGrid);
  const auto coarse = coarsePass(S, R, k, srcCuts, refCuts, o, hasTc, tcOffset, anyUnreadable);
  cancel.throwIfCancelled();

  // The framing of one element inside the other (reframing, overscan, anamorphic squeeze,
  // letterbox) is a property of the transfer, so one thumbnail warp serves the element.
  // One pair alone cannot tell a framing shift from the camera moving between two
  // neighbouring frames (a pan is exactly that), so the warp is the medoid of pairs
  // from every stretch: the pans of different shots do not agree, the framing does
  // (warp_medoid.h: some registrations stop in another optimum, and a per-element median
  // would mix them in).
  const int reach = k + o.bandRadius;
  std::vector<cv::Mat> warps;
  forEachRun(coarse, rowStart, colStart, k, [&](size_t a, size_t b) {
    for (size_t t : {a + (b - a) / 4, a + (b - a) / 2, a + 3 * (b - a) / 4}) {
      const int ri = std::min(coarse[t].row * k + k / 2, nR - 1);
      const int sj = std::min(coarse[t].col * k + k / 2, nS - 1);
      double rho = -1;
      cv::Mat w = registerThumbnails(S.frames[sj], R.frames[ri], &rho);
      if (rho > 0.5) warps.push_back(w);
    }
  });
  cv::Mat warp = medoidWarp(warps);
  // The first pass places frames only to within its plateau: rank correlation changes
  // little over many frames of a slow shot (seen 8 frames off at the open start of a
  // shot), and a warp registered on such a pair carries that many steps of the camera's
  // motion. So the framing is asked by consensus (framing_consensus.h) from probes along
  // the first path, each trying the source frames up to `framingSearch` (plus the
  // subsampling) around its pair; and where a probe's agreeing candidate shows the path
  // off by d frames, the band of the second pass around that stretch reaches d further.
  std::vector<std::pair<int, int>> runShift;  // per stretch of the first path: (min, max) offset
  {
    const auto probes = framingProbes(coarse, rowStart, colStart, refEv, srcEv, 24, k);
    const FramingConsensus c = consensusFraming(S, R, probes, warp, k + o.framingSearch, 0.15, o.threads);
    if (c.improves()) {
      warp = c.warp;
      warps.push_back(warp);
      for (size_t p = 0; p < probes.size(); ++p) {
        const int d = c.offsets[p];
        if (d == FramingConsensus::kNoOffset) continue;
        if (int(runShift.size()) <= probes[p].group) runShift.resize(probes[p].group + 1, {0, 0});
        auto& r = runShift[probes[p].group];
        r.first = std::min(r.first, d), r.second = std::max(r.second, d);
      }
    }
  }
  // Band of pass 2 around pass 1.
  std::vector<std::vector<std::pair<int, BandRow>>> contributions(nR);  // (row distance, cols)
  std::vector<int> coarseRun(coarse.size(), 0);
  {
    int run = 0;
    forEachRun(coarse, rowStart, colStart, k, [&](size_t a, size_t b) {
      for (size_t t = a; t < b; ++t) coarseRun[t] = run;
      ++run;
    });
  }
  for (size_t t = 0; t < coarse.size(); ++t) {
    const auto& c = coarse[t];
    const int i0 = c.row * k, j0 = c.col * k;
    const auto shift = coarseRun[t] < int(runShift.size()) ? runShift[coarseRun[t]] : std::pair<int, int>{0, 0};
    for (int i = std::max(0, i0 - reach); i <= std::min(nR - 1, i0 + k - 1 + reach); ++i) {
      const int dist = i < i0 ? i0 - i : std::max(0, i - (i0 + k - 1));
      contributions[i].push_back(
          {dist, BandRow{std::max(0, j0 - reach + shift.first), std::min(nS, j0 + k + reach + shift.second)}});
    }
  }
  std::vector<BandRow> band(nR, BandRow{0, 0});
  const int maxWidth = 4 * (k + 2 * reach) + 2 * (k + o.framingSearch);
  for (int i = 0; i < nR; ++i) {
    auto& cs = contributions[i];
    if (cs.empty()) continue;
    BandRow u{nS, 0};
    for (const auto& c : cs) u.lo = std::min(u.lo, c.second.lo), u.hi = std::max(u.hi, c.second.hi);
    if (u.hi - u.lo > maxWidth)  // straddles a jump: keep the nearest side only
      u = std::min_element(cs.begin(), cs.end(), [](auto& a, auto& b) { return a.first < b.first; })->second;
    band[i] = u;
  }
  {
    std::vector<std::pair<int, int>> links;
    for (const auto& c : coarse) links.push_back({std::min(c.row * k + k / 2, nR - 1), std::min(c.col * k + k / 2, nS - 1)});
    widenBandToLinkedShots(band, links, rowStart, colStart, o.maxShotBand);
  }
  widenBandAtTimeJumps(band, nS, refEv, srcEv, o.maxTimeJump);
  // Pass 2: fine gains over the band (reference vectors per row, source vectors cached),
  // run again after the framing is re-estimated by consensus (framing_consensus.h) on
  // probes spread over the stretches of the previous run's path (at most 48 probes, so
  // the cost does not grow with the length of the film): the phase inside a panning
  // shot is decided by how exactly the framing is known, and a warp taken from the
  // path's own pairs would keep whatever frame offset those pairs had.
  std::vector<std::vector<float>> gains(nR);
  auto finePass = [&](const cv::Mat& w) {
    const cv::Mat mask = overlapMask(w);
    std::vector<std::vector<float>> srcVec(nS);
    for (int i = 0; i < nR; ++i) {
      if (band[i].hi <= band[i].lo) continue;
      if (i % 256 == 0) cancel.throwIfCancelled();
      const auto refVec = fineVector(R.frames[i], mask, w);
      gains[i].resize(band[i].hi - band[i].lo);
      for (int j = band[i].lo; j < band[i].hi; ++j) {
        if (srcVec[j].empty()) srcVec[j] = fineVector(S.frames[j], mask);
        gains[i][j - band[i].lo] = unreadable(i, j) ? 0.0f : fineSimilarity(refVec, srcVec[j]) - o.fineThreshold;
      }
      // Free source vectors far behind the band: bands move forward with the rows.
      if (i % 64 == 0)
        for (int j = 0; j < band[i].lo - 4 * maxWidth; ++j) std::vector<float>().swap(srcVec[j]);
    }
    fillUnreadable(band, [&](int i, int j) -> float& { return gains[i][j - band[i].lo]; }, anyUnreadable);
    return alignBanded(nR, nS, band, [&](int i, int j) { return gains[i][j - band[i].lo]; }, refEv, srcEv,
                       o.costs);
  };
  auto fine = finePass(warp);
  for (int round = 0; round < 3 && !fine.empty(); ++round) {
    const std::vector<FramingProbe> probes = framingProbes(fine, rowStart, colStart, refEv, srcEv, 48);
    const FramingConsensus c = consensusFraming(S, R, probes, warp, 2, 0.15, o.threads);
    if (!c.improves()) break;  // not even better than the start: keep it
    const double moved = warpDistance(c.warp, warp);
    warp = c.warp;
    warps.push_back(warp);
    fine = finePass(warp);
    if (moved < 0.02 && c.valid) break;  // the framing has settled
  }

  // One pair per source frame: a progressive reference frame first, then the most similar.
  auto refCombed = [&](int i) { return bool(refEv.blend[i]); };
  auto srcCombed = [&](int j) { return bool(srcEv.blend[j]); };

  std::map<int, AlignedCell> chosen;  // by source index
  std::vector<bool> refUsed(nR, false);
  for (const auto& c : fine) {
    refUsed[c.row] = true;
    auto it = chosen.find(c.col);
    if (it == chosen.end()) {
      chosen[c.col] = c;
      continue;
    }
    const bool newClean = !refCombed(c.row), oldClean = !refCombed(it->second.row);
    if ((newClean && !oldClean) || (newClean == oldClean && c.gain > it->second.gain)) it->second = c;
  }

  // Stretches of the final path, for flags and segments.
  std::vector<AlignedCell> pathByCol;
  for (const auto& [j, c] : chosen) pathByCol.push_back(c);
  std::vector<int> runOf(pathByCol.size(), 0);
  std::vector<float> runMedian;
  forEachRun(pathByCol, rowStart, colStart, 1, [&](size_t a, size_t b) {
    std::vector<float> sims;
    for (size_t t = a; t < b; ++t) sims.push_back(pathByCol[t].gain + o.fineThreshold), runOf[t] = int(runMedian.size());
    runMedian.push_back(median(sims));
  });

  // A low similarity means another picture (a flash, a splice, a wrong stretch) or the
  // same picture damaged (a blotch, a scratch over much of it). A damaged frame is still
  // clearly above chance, and either the best match of its source frame among the
  // reference frames around the pair (in a moving shot) or held in place by its
  // neighbours (the pairs before and after it are the diagonal next to it and good: in a
  // slow shot every nearby reference frame matches it about equally); another picture
  // matches nothing above chance.
  auto heldByNeighbours = [&](size_t t) {
    if (t == 0 || t + 1 >= pathByCol.size()) return false;
    const auto &a = pathByCol[t - 1], &c = pathByCol[t], &b = pathByCol[t + 1];
    auto good = [&](const AlignedCell& x) { return x.gain + o.fineThreshold >= o.minConfidence; };
    return a.row == c.row - 1 && a.col == c.col - 1 && b.row == c.row + 1 && b.col == c.col + 1 && good(a) &&
           good(b);
  };
  auto damagedButDistinct = [&](const AlignedCell& c, float sim, size_t t) {
    if (sim < o.minDistinctSimilarity) return false;
    if (heldByNeighbours(t)) return true;
    int compared = 0;
    for (int r = c.row - 2; r <= c.row + 2; ++r) {
      if (r == c.row || r < 0 || r >= nR || c.col < band[r].lo || c.col >= band[r].hi) continue;
      if (refEv.duplicate[std::max(r, c.row)] && std::abs(r - c.row) == 1) continue;  // the same picture again
      ++compared;
      if (gains[r][c.col - band[r].lo] + o.fineThreshold >= sim) return false;
    }
    return compared >= 2;
  };
  std::vector<bool> srcPaired(nS, false);
  for (size_t t = 0; t < pathByCol.size(); ++t) {
    const auto& c = pathByCol[t];
    FramePair p;
    p.source = S.frames[c.col].frame;
    p.reference = R.frames[c.row].frame;
    const float sim = c.gain + o.fineThreshold;
    p.confidence = unreadable(c.row, c.col) ? 0.0f : std::clamp(sim, 0.0f, 1.0f);
    if (unreadable(c.row, c.col))
      p.flag = kFlagLowConfidence;
    else if (refCombed(c.row) || srcCombed(c.col))
      p.flag = kFlagInterlaced;
    else if ((sim < o.minConfidence || sim < runMedian[runOf[t]] - o.shotOutlier) && !damagedButDistinct(c, sim, t))
      p.flag = kFlagLowConfidence;
    m.pairs.push_back(p);
    srcPaired[c.col] = true;
  }

  // Segments: runs without a gap (cuts present on both sides do not end a segment).
  const std::vector<bool> none;
  std::vector<bool> noStartS(nS, false), noStartR(nR, false);
  forEachRun(pathByCol, noStartR, noStartS, 1, [&](size_t a, size_t b) {
    MatchedSegment seg;
    seg.source = {S.frames[pathByCol[a].col].frame, S.frames[pathByCol[b - 1].col].frame};
    seg.reference = {R.frames[pathByCol[a].row].frame, R.frames[pathByCol[b - 1].row].frame};
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    const double n = double(b - a);
    for (size_t t = a; t < b; ++t) {
      const double x = S.frames[pathByCol[t].col].frame, y = R.frames[pathByCol[t].row].frame;
      sx += x, sy += y, sxx += x * x, sxy += x * y;
    }
    const double den = n * sxx - sx * sx;
    seg.rate = den > 1e-9 ? (n * sxy - sx * sy) / den : 1.0;
    seg.offset = (sy - seg.rate * sx) / n;
    m.segments.push_back(seg);
  });
  // Rate and offset of the whole: median rate of segments (weighted by length), longest offset.
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

  // The framing in full-resolution pixels: source pixel -> source thumbnail -> reference
  // thumbnail (the warp) -> reference pixel.
  if (!warps.empty()) {
    auto thumbToPixels = [](const Rect& a) {
      const double sx = double(a.width()) / kFineSide, sy = double(a.height()) / kFineSide;
      return cv::Matx33d(sx, 0, a.x0 + 0.5 * sx - 0.5, 0, sy, a.y0 + 0.5 * sy - 0.5, 0, 0, 1);
    };
    const cv::Matx33d w(warp.at<float>(0, 0), warp.at<float>(0, 1), warp.at<float>(0, 2), warp.at<float>(1, 0),
                        warp.at<float>(1, 1), warp.at<float>(1, 2), 0, 0, 1);
    const cv::Matx33d f = thumbToPixels(R.activeArea) * w * thumbToPixels(S.activeArea).inv();
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) m.framing[r * 3 + c] = f(r, c);
    m.hasFraming = true;
  }

  std::vector<int> unmatched;
  for (int j = 0; j < nS; ++j)
    if (!srcPaired[j]) unmatched.push_back(S.frames[j].frame);
  m.unmatchedSource = rangesOf(unmatched);
  unmatched.clear();
  for (int i = 0; i < nR; ++i)
    if (!refUsed[i]) unmatched.push_back(R.frames[i].frame);
  m.unmatchedReference = rangesOf(unmatched);
  return m;
}

}  // namespace filmrecover::match
