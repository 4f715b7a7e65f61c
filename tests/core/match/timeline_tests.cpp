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
  // Measured (seed 11): 3 of 6 repeats and 4 of 8 losses, none false. The first shot
  // creeps so slowly that its steps scatter 0.6 of a step (median over the shot), and such
  // a shot shows nothing: on a damaged print the same scatter made repeats that were not
  // there (before that rule: 5 of 6 repeats). The rest sit next to a cut.
  EXPECT_GE(repeats + losses, 8);
  EXPECT_EQ(false_, 0);
  EXPECT_GE(repeatsFound + lossesFound, (repeats + losses) / 2);
}

// Every repeat and lost frame of a 25 fps transfer's reference (a repeat every 24 frames,
// a film frame lost every 31), including a repeat and a loss side by side, which move
// like one badly registered frame; none where there is none. Jumps in time (censorship)
// are left out of the count: where the shot moves fast they look like a cut, and are one.
TEST(ElementTimeline, FindsEveryRepeatAndLossOfATransferIncludingNeighbours) {
  for (unsigned seed : {4u, 23u}) {
    const Material m = makeMaterial(everythingTogether(seed));
    const auto R = match::extractDescriptors(m.reference, 2, {}, {}, "r");
    std::vector<int> unreadable;
    const auto ev = match::analyseTimeline(R, match::detectCuts(R.frames, {}, &unreadable));
    int events = 0, found = 0, false_ = 0, neighbours = 0;
    for (size_t i = 1; i < m.refTruth.size(); ++i) {
      const int film = m.refTruth[i].film, before = m.refTruth[i - 1].film;
      const bool sameShot = m.film->shotOf(film) == m.film->shotOf(before);
      const bool repeat = sameShot && film == before, lost = sameShot && film == before + 2;
      events += repeat || lost;
      found += (repeat && ev.duplicate[i]) || (lost && ev.jump[i]);
      false_ += (ev.duplicate[i] && !repeat) + (ev.jump[i] && !lost);
      if (i + 1 < m.refTruth.size() && (repeat || lost)) {
        const int next = m.refTruth[i + 1].film;
        neighbours += (repeat && next == film + 2) || (lost && next == film);
      }
    }
    std::cout << "seed " << seed << ": " << found << " of " << events << " events (" << neighbours
              << " side by side), " << false_ << " false\n";
    EXPECT_GE(neighbours, 1) << seed;  // the material has the hard case
    EXPECT_EQ(found, events) << seed;
    EXPECT_EQ(false_, 0) << seed;
    EXPECT_TRUE(unreadable.empty()) << seed;
  }
}

// A damaged print (dust, a drifting scratch, blotches, grain) that is never re-timed shows
// no repeat and no lost frame, in shots that crawl, pan or stand still.
TEST(ElementTimeline, ADamagedPrintShowsNoEventsItDoesNotHave) {
  int falseEvents = 0, frames = 0;
  for (unsigned seed : {7u, 11u}) {
    const Material m = makeMaterial(everythingTogether(seed));
    const auto S = match::extractDescriptors(m.source, 2, {}, {}, "s");
    std::vector<int> unreadable;
    const auto ev = match::analyseTimeline(S, match::detectCuts(S.frames, {}, &unreadable), {}, nullptr, unreadable);
    for (size_t i = 0; i < S.frames.size(); ++i) falseEvents += ev.duplicate[i] + ev.jump[i];
    frames += int(S.frames.size());
  }
  // Measured before: 3 false repeats and a false loss on seed 11 (a scratch drifting
  // across a pan registered as steps of -1 to -1.4) without the median filter; 2 false
  // repeats on seed 7 (a still, damaged shot) with the median but without the rule on
  // a shot's scatter.
  EXPECT_EQ(falseEvents, 0) << "of " << frames << " frames";
}

}  // namespace
}  // namespace filmrecover::test
