// The cadence of repeated or lost frames fills in events the pictures could not show.
#include <gtest/gtest.h>

#include "core/match/cadence.h"

namespace filmrecover::match {
namespace {

TEST(Cadence, FitsAPeriodThroughMissedEvents) {
  // A repeat every 25 frames; the one at 99 was not seen (a still shot).
  const Cadence c = estimateCadence({24, 49, 74, 124, 149, 174});
  EXPECT_TRUE(c.valid);
  EXPECT_NEAR(c.period, 25.0, 0.05);
  // Drops whose phase a removed stretch shifted twice: no regular cadence.
  EXPECT_FALSE(estimateCadence({21, 53, 89, 120, 142}).valid);
  EXPECT_FALSE(estimateCadence({24, 49, 74}).valid);  // too few to tell
}

TEST(Cadence, BridgesOnlyUnmeasuredFramesBetweenFittingEvents) {
  const int n = 200;
  std::vector<bool> events(n, false), seen(n, true), starts(n, false);
  for (int e : {24, 49, 74, 124, 149, 174}) events[e] = true;
  seen[99] = false;  // still shot: the step into 99 was not measured
  starts[0] = true;
  std::vector<bool> bridged = events;
  EXPECT_EQ(bridgeCadence(bridged, seen, starts), 1);
  EXPECT_TRUE(bridged[99]);
  // Measured as a normal step: the cadence does not overrule the pictures.
  std::vector<bool> kept = events;
  EXPECT_EQ(bridgeCadence(kept, std::vector<bool>(n, true), starts), 0);
  // No cadence (irregular events): nothing added even where nothing was measured.
  std::vector<bool> irregular(n, false);
  for (int e : {21, 53, 89, 120, 142}) irregular[e] = true;
  EXPECT_EQ(bridgeCadence(irregular, std::vector<bool>(n, false), starts), 0);
}

}  // namespace
}  // namespace filmrecover::match
