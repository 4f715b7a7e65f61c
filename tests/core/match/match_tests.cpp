// Temporal matching against generated ground truth: the degradations of the issue at once,
// and 3:2 pulldown.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string>

#include "core/match/match_sources.h"
#include "tests/core/match/film_material.h"

namespace filmrecover::test {
namespace {

using match::Mapping;

void report(const char* name, const Material& m, const Mapping& map, double secs) {
  const MatchScore s = scoreMapping(m, map);
  std::cout << name << ": pairs " << s.pairs << ", usable " << s.usable << " (right " << s.usableRight
            << ", within one frame " << s.usableNear << "), flagged " << s.flagged << " (really bad "
            << s.flaggedWrong << "), coverable " << s.coverable << "; precision " << s.precision() << ", recall "
            << s.recall() << "; " << secs << " s\n";
  if (std::getenv("FR_DEBUG")) {
    // Framing error: source pixels mapped by the found framing and by the truth.
    const cv::Matx33d truth = m.referenceToSource.inv();
    const cv::Matx33d found(map.framing[0], map.framing[1], map.framing[2], map.framing[3], map.framing[4],
                            map.framing[5], map.framing[6], map.framing[7], map.framing[8]);
    double se = 0;
    int n = 0;
    for (double y : {0.2, 0.5, 0.8})
      for (double x : {0.2, 0.5, 0.8}) {
        const cv::Vec3d p(x * m.options.width, y * m.options.height, 1);
        const cv::Vec3d a = truth * p, b = found * p;
        std::cout << "  framing at (" << p[0] << "," << p[1] << "): ref px error " << b[0] - a[0] << ", "
                  << b[1] - a[1] << "\n";
        se += (b[0] - a[0]) * (b[0] - a[0]) + (b[1] - a[1]) * (b[1] - a[1]), ++n;
      }
    std::cout << "  framing RMS error (reference px) " << std::sqrt(se / n) << "\n";
    // The true framing as the matcher's thumbnail warp (source thumbnail -> reference
    // thumbnail, 128x128 of each picture area), to compare with its candidate warps.
    auto thumbToPixels = [](const Rect& a) {
      const double sx = double(a.width()) / 128, sy = double(a.height()) / 128;
      return cv::Matx33d(sx, 0, a.x0 + 0.5 * sx - 0.5, 0, sy, a.y0 + 0.5 * sy - 0.5, 0, 0, 1);
    };
    const cv::Matx33d tw = thumbToPixels(map.referenceActiveArea).inv() * truth * thumbToPixels(map.sourceActiveArea);
    std::cout << "  true thumbnail warp [" << tw(0, 0) << " " << tw(0, 1) << " " << tw(0, 2) << "; " << tw(1, 0) << " "
              << tw(1, 1) << " " << tw(1, 2) << "]\n";
    for (const auto& s : m.film->shots()) {
      const int len = std::max(1, s.length - 1);
      std::cout << "  shot first " << s.first << " len " << s.length << " pan/frame (x,y) "
                << (s.panEndX - s.panStartX) / len << ", " << (s.panEndY - s.panStartY) / len << " zoom/frame "
                << (s.zoomEnd - s.zoomStart) / len << "\n";
    }
    // The reference's true timeline events (index: repeat R, lost frame L, jump in time J),
    // to compare with what the element timeline detects.
    std::cout << "  reference truth:";
    for (size_t j = 1; j < m.refTruth.size(); ++j) {
      const int a = m.refTruth[j - 1].film, b = m.refTruth[j].film;
      if (m.film->shotOf(a) != m.film->shotOf(b)) continue;
      if (b == a) std::cout << " " << j << "R";
      else if (b == a + 2) std::cout << " " << j << "L";
      else if (b > a + 2) std::cout << " " << j << "J" << b - a;
    }
    std::cout << "\n";
    // Source frames the reference shows that got no usable pair (what recall misses).
    std::cout << "  coverable but unpaired:";
    for (int f : m.coverableSource()) {
      bool paired = false;
      for (const auto& p : map.pairs) paired = paired || (p.source == f && !p.flagged());
      if (!paired) std::cout << " " << f << " (film " << m.filmOfSource(f) << ")";
    }
    std::cout << "\n";
    for (const auto& p : map.pairs) {
      const auto& t = m.refTruth.at(m.referenceIndex(p.reference));
      if (!m.pairIsRight(p) || p.flagged() || std::getenv("FR_DEBUG_ALL"))
        std::cout << "  src " << p.source << " (film " << m.filmOfSource(p.source) << " shot "
                  << m.film->shotOf(m.filmOfSource(p.source)) << ") ref " << p.reference << " (film " << t.film
                  << (t.blended() ? "|" + std::to_string(t.second) : "") << ") conf " << p.confidence << " flag '"
                  << p.flag << "'" << (m.pairIsRight(p) ? "" : " WRONG") << "\n";
    }
  }
}

Mapping timedMatch(const Material& m, double& secs) {
  const auto t0 = std::chrono::steady_clock::now();
  Mapping map = match::matchSources(m.source, m.reference, match::MatchOptions{});
  secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return map;
}

TEST(MatchSources, EverythingTogether) {
  const MaterialOptions o = everythingTogether(7);
  const Material m = makeMaterial(o);
  double secs = 0;
  const Mapping map = timedMatch(m, secs);
  report("everything together", m, map, secs);
  const MatchScore s = scoreMapping(m, map);
  // Measured on this material (seed 7): precision 0.93, recall 0.93 (0.79 / 0.75 before
  // the sub-pixel element timeline). What is left is the flat, damaged, nearly still
  // (0.2 px a frame) censored shot 5: its pictures cannot tell one frame from the next,
  // and the path there is up to 3 frames off. The issue's target holds pooled over
  // seeds (EverythingTogetherAcrossSeeds), not on this seed: see docs/matching.md, Limits.
  EXPECT_GE(s.precision(), 0.92);
  EXPECT_GE(s.recall(), 0.92);
  EXPECT_GE(double(s.usableNear) / s.usable, 0.92);
  EXPECT_EQ(s.flaggedWrong, s.flagged);  // every flagged pair is really a bad one
  // The source's flash frames (a white frame mid-shot) are never used: unpaired or flagged.
  ASSERT_EQ(m.sourceFlash.size(), 3u);
  for (const auto& p : map.pairs) EXPECT_TRUE(!m.isFlash(p.source) || p.flagged()) << "flash frame " << p.source;
  // The source's missing shot and the reference's cut shot are reported as unmatched.
  const auto& shots = m.film->shots();
  auto unmatchedSource = [&](int frame) {
    for (const auto& r : map.unmatchedSource)
      if (frame >= r.first && frame <= r.last) return true;
    return false;
  };
  const int cutShotMiddle = shots[3].first + shots[3].length / 2;  // film index == source index before shot 6
  EXPECT_TRUE(unmatchedSource(o.sourceFirstFrame + cutShotMiddle));
  EXPECT_TRUE(unmatchedSource(o.sourceFirstFrame + 2));  // before the reference starts
  EXPECT_FALSE(map.segments.empty());
  EXPECT_TRUE(map.hasFraming);
}

// The same recipe over twelve seeds (shot lengths, camera moves, scenes and where the
// re-timing's events fall all change): the issue's targets, pooled. Among them seed 9
// (single registrations of the framing fall into two clusters, two flat shots correlate
// with their right frames only 0.3-0.5 in rank: 0.47 / 0.06 before), seed 12 (every shot
// crawls, so the first pass was 8 frames off and the framing from its pairs 7 thumbnail
// pixels: 0 / 0), seed 11 (a scratch drifting across a pan: 0.83).
TEST(MatchSources, EverythingTogetherAcrossSeeds) {
  int usable = 0, right = 0, coverable = 0;
  for (unsigned seed = 1; seed <= 12; ++seed) {
    MaterialOptions o = everythingTogether(seed);
    o.seed = seed;
    const Material m = makeMaterial(o);
    double secs = 0;
    const Mapping map = timedMatch(m, secs);
    const std::string name = "seed " + std::to_string(seed);
    report(name.c_str(), m, map, secs);
    const MatchScore s = scoreMapping(m, map);
    usable += s.usable, right += s.usableRight, coverable += s.coverable;
    // Measured: 1.00 / 1.00 on nine seeds, 0.99 on seeds 3 (a lost frame in a zooming
    // shot is not seen) and 6 (one pair), 0.93 on seed 7 (its flat, damaged, nearly still
    // censored shot).
    EXPECT_GE(s.precision(), 0.92) << name;
    EXPECT_GE(s.recall(), 0.92) << name;
    EXPECT_EQ(s.flaggedWrong, s.flagged) << name;
    for (const auto& p : map.pairs) EXPECT_TRUE(!m.isFlash(p.source) || p.flagged()) << name << " " << p.source;
  }
  const double precision = double(right) / usable, recall = double(right) / coverable;
  std::cout << "pooled: precision " << precision << ", recall " << recall << "\n";
  // Measured: 0.992 / 0.992 (1717 right of 1730).
  EXPECT_GE(precision, 0.99);
  EXPECT_GE(recall, 0.97);
}

// A B/W reference of a colour source, same resolution, shifted start, PAL-style 1:1.
TEST(MatchSources, MonochromeReferenceOneToOne) {
  MaterialOptions o;
  o.frames = 150;
  o.shots = 5;
  o.seed = std::getenv("FR_SEED") ? unsigned(std::atoi(std::getenv("FR_SEED"))) : 3;  // FR_SEED: sweep by hand
  o.fade = false;
  o.damage = false;
  o.refWidth = 320;
  o.refHeight = 180;
  o.letterbox = 0;
  o.scale = 1.02;
  o.startOffset = 12;
  o.endTrim = 5;
  const Material m0 = makeMaterial(o);
  Material m = m0;
  auto read = m.reference.read;
  m.reference.read = [read](int f) {
    Image im = read(f);
    for (size_t p = 0; p < im.pixelCount(); ++p) {
      float* px = &im.pixels[p * 3];
      const float y = 0.2126f * px[0] + 0.7152f * px[1] + 0.0722f * px[2];
      px[0] = px[1] = px[2] = y;
    }
    return im;
  };
  double secs = 0;
  const Mapping map = timedMatch(m, secs);
  report("monochrome 1:1", m, map, secs);
  const MatchScore s = scoreMapping(m, map);
  EXPECT_GE(s.precision(), 0.9);
  EXPECT_GE(s.recall(), 0.85);
  EXPECT_EQ(s.flaggedWrong, s.flagged);
  EXPECT_NEAR(map.rateRatio, 1.0, 0.02);
  EXPECT_NEAR(map.offset, double(o.refFirstFrame) - o.sourceFirstFrame - o.startOffset, 1.5);
}

// 3:2 pulldown: frames A, B, B|C, C|D, D for every four film frames. Pairs that can only use
// a field-blended reference frame must be flagged "interlaced"; the rest must be right.
TEST(MatchSources, PulldownFlagsFieldBlends) {
  MaterialOptions o;
  o.frames = 160;
  o.shots = 5;
  o.seed = std::getenv("FR_SEED") ? unsigned(std::atoi(std::getenv("FR_SEED"))) : 5;  // FR_SEED: sweep by hand
  o.pulldown = true;
  o.refWidth = 320;
  o.refHeight = 180;
  o.letterbox = 0;
  o.jpegQuality = 85;
  o.startOffset = 8;
  o.endTrim = 4;
  const Material m = makeMaterial(o);
  double secs = 0;
  const Mapping map = timedMatch(m, secs);
  report("3:2 pulldown", m, map, secs);
  const MatchScore s = scoreMapping(m, map);
  int interlaced = 0, blendedUnflagged = 0;
  for (const auto& p : map.pairs) {
    const bool blended = m.refTruth.at(m.referenceIndex(p.reference)).blended();
    interlaced += p.flag == match::kFlagInterlaced;
    blendedUnflagged += blended && !p.flagged();
  }
  EXPECT_GT(interlaced, 0);
  EXPECT_EQ(blendedUnflagged, 0);  // no field blend is used silently (cadence detection)
  EXPECT_EQ(s.flaggedWrong, s.flagged);
  // Measured (seed 5): precision 0.99, recall 0.99 (110 of 111). The phase inside a
  // panning shot rests on the framing (consensus over the shots' candidate warps), and
  // inside the near-still last shot on the cadence (blend repeats weigh as full steps).
  EXPECT_GE(s.precision(), 0.97);
  EXPECT_GE(s.recall(), 0.97);
  EXPECT_GE(double(s.usableNear) / s.usable, 0.99);
}

}  // namespace
}  // namespace filmrecover::test
