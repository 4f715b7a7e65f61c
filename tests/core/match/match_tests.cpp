// Temporal matching against generated ground truth: the degradations of the issue at once,
// and 3:2 pulldown.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

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
  if (std::getenv("FR_DEBUG"))
    for (const auto& p : map.pairs) {
      const auto& t = m.refTruth.at(m.referenceIndex(p.reference));
      if (!m.pairIsRight(p) || p.flagged())
        std::cout << "  src " << p.source << " (film " << m.filmOfSource(p.source) << ") ref " << p.reference
                  << " (film " << t.film << (t.blended() ? "|" + std::to_string(t.second) : "") << ") conf "
                  << p.confidence << " flag '" << p.flag << "'" << (m.pairIsRight(p) ? "" : " WRONG") << "\n";
    }
}

Mapping timedMatch(const Material& m, double& secs) {
  const auto t0 = std::chrono::steady_clock::now();
  Mapping map = match::matchSources(m.source, m.reference, match::MatchOptions{});
  secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return map;
}

// 240 frames, 8 shots. Source: faded magenta print with grain, dust and scratches, lacking
// one shot. Reference: SD 256x192 anamorphic, letterboxed, reframed (5% zoom, 0.3 deg,
// shifted), JPEG q55, starting 9 frames late, ending 7 early, one shot cut out, the middle
// third of another censored, a duplicate every 24 frames and a film frame lost every 31.
TEST(MatchSources, EverythingTogether) {
  MaterialOptions o;
  o.sourceMissingShots = {6};
  o.refCutShots = {3};
  o.censorShot = 5;
  o.duplicateEvery = 24;
  o.dropEvery = 31;
  if (std::getenv("FR_SEED")) o.seed = unsigned(std::atoi(std::getenv("FR_SEED")));
  const Material m = makeMaterial(o);
  double secs = 0;
  const Mapping map = timedMatch(m, secs);
  report("everything together", m, map, secs);
  const MatchScore s = scoreMapping(m, map);
  // Measured on this material (seed 7): precision 0.79, recall 0.75, 92% of usable pairs
  // within one frame; the misses are a near-still shot and a flat, damaged, censored one.
  // The target (0.99 / 0.95) is not reached yet: see docs/matching.md, Limits.
  EXPECT_GE(s.precision(), 0.75);
  EXPECT_GE(s.recall(), 0.70);
  EXPECT_GE(double(s.usableNear) / s.usable, 0.9);
  EXPECT_EQ(s.flaggedWrong, s.flagged);  // every flagged pair is really a bad one
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

// A B/W reference of a colour source, same resolution, shifted start, PAL-style 1:1.
TEST(MatchSources, MonochromeReferenceOneToOne) {
  MaterialOptions o;
  o.frames = 150;
  o.shots = 5;
  o.seed = 3;
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
  o.seed = 5;
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
  // Measured (seed 5): 70% of usable pairs within one frame, 22% exact: with a cheap
  // repeat in every five frames the phase inside a panning shot rests on the framing
  // estimate alone, which is not yet accurate enough. Not the target.
  EXPECT_GE(double(s.usableNear) / s.usable, 0.65);
}

}  // namespace
}  // namespace filmrecover::test
