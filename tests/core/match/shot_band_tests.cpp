// The second pass's band reaches whole shots that the first pass links, and the shots in
// between that it crossed with a gap.
#include <gtest/gtest.h>

#include "core/match/shot_band.h"

namespace filmrecover::match {
namespace {

std::vector<bool> startsAt(int n, std::initializer_list<int> firsts) {
  std::vector<bool> v(n, false);
  for (int f : firsts) v[f] = true;
  return v;
}

// Reference shots [0,10) [10,20) [20,30); source shots [0,12) [12,25) [25,40). The first
// path links reference shot 0 to source shot 0 and reference shot 2 to source shot 2;
// reference shot 1 has no link (crossed with a gap).
struct ThreeShots {
  std::vector<bool> rowStart = startsAt(30, {0, 10, 20});
  std::vector<bool> colStart = startsAt(40, {0, 12, 25});
  std::vector<BandRow> band;
  ThreeShots() {
    for (int i = 0; i < 30; ++i) band.push_back(BandRow{std::max(0, i - 2), std::min(40, i + 3)});
  }
};

TEST(ShotBand, LinkedShotsReachTheWholeSourceShot) {
  ThreeShots t;
  widenBandToLinkedShots(t.band, {{5, 6}, {25, 30}}, t.rowStart, t.colStart, 400);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(t.band[i].lo, 0) << i;
    EXPECT_EQ(t.band[i].hi, std::max(12, i + 3)) << i;  // the source shot, or further where the band already went
  }
  for (int i = 20; i < 30; ++i) {
    EXPECT_EQ(t.band[i].lo, std::min(25, i - 2)) << i;
    EXPECT_EQ(t.band[i].hi, 40) << i;
  }
}

TEST(ShotBand, AShotCrossedWithAGapReachesBetweenItsNeighbours) {
  ThreeShots t;
  widenBandToLinkedShots(t.band, {{5, 6}, {25, 30}}, t.rowStart, t.colStart, 400);
  for (int i = 10; i < 20; ++i) {
    EXPECT_EQ(t.band[i].lo, 0) << i;   // from the first column of the shot before
    EXPECT_EQ(t.band[i].hi, 40) << i;  // to the last of the shot after
  }
}

TEST(ShotBand, SpansOverTheLimitAreLeftAlone) {
  ThreeShots t;
  const auto before = t.band;
  widenBandToLinkedShots(t.band, {{5, 6}, {25, 30}}, t.rowStart, t.colStart, 11);
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(t.band[i].lo, before[i].lo) << i;
    EXPECT_EQ(t.band[i].hi, before[i].hi) << i;
  }
  // A reference shot linked to two distant source shots spans both: over the limit too.
  ThreeShots u;
  widenBandToLinkedShots(u.band, {{5, 6}, {6, 30}}, u.rowStart, u.colStart, 30);
  EXPECT_EQ(u.band[5].lo, 3);
  EXPECT_EQ(u.band[5].hi, 8);
}

}  // namespace
}  // namespace filmrecover::match
