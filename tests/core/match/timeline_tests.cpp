// The element timeline sees repeated and lost frames from one element's own pictures,
// also where the camera only creeps (a tenth of a source pixel per frame).
#include <gtest/gtest.h>

#include <iostream>

#include "core/match/descriptor_set.h"
#include "core/match/element_timeline.h"
#include "core/match/shot_cuts.h"
#include "tests/core/match/film_material.h"

namespace filmrecover::test {
namespace {

TEST(ElementTimeline, FindsRepeatsAndLostFramesInASlowlyCreepingShot) {
  MaterialOptions o;
  o.frames = 90;
  o.shots = 2;
  o.seed = 11;
  o.motion = 0.15;  // 0.1-0.3 source px per frame: the phase of a frame is sub-pixel
  o.startOffset = 0;
  o.endTrim = 0;
  o.duplicateEvery = 13;
  o.dropEvery = 11;
  const Material m = makeMaterial(o);
  const auto R = match::extractDescriptors(m.reference, 2, {}, {}, "r");
  const auto ev = match::analyseTimeline(R, match::detectCuts(R.frames));
  int repeats = 0, repeatsFound = 0, losses = 0, lossesFound = 0, false_ = 0;
  for (size_t i = 1; i < m.refTruth.size(); ++i) {
    const int film = m.refTruth[i].film, before = m.refTruth[i - 1].film;
    if (m.film->shotOf(film) != m.film->shotOf(before)) continue;
    const bool repeat = film == before, lost = film == before + 2;
    repeats += repeat, losses += lost;
    repeatsFound += repeat && ev.duplicate[i];
    lossesFound += lost && ev.jump[i];
    false_ += (ev.duplicate[i] && !repeat) + (ev.jump[i] && !lost);
  }
  std::cout << "repeats " << repeatsFound << "/" << repeats << ", lost " << lossesFound << "/" << losses
            << ", false " << false_ << "\n";
  // Measured (seed 11): 5 of 6 repeats (4 seen, one more bridged by their cadence of 13)
  // and 4 of 8 losses, none false. The rest sit next to another event or a cut (a repeat
  // right after a loss looks like one badly registered frame and is left out on purpose),
  // or where the shot is flat.
  EXPECT_GE(repeats + losses, 8);
  EXPECT_EQ(false_, 0);
  EXPECT_GE(repeatsFound + lossesFound, (repeats + losses) / 2);
}

}  // namespace
}  // namespace filmrecover::test
