// Temporal matching against generated ground truth: every degradation of the issue at once.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>

#include "core/match/match_sources.h"
#include "tests/core/match/film_material.h"

namespace filmrecover::test {
namespace {

using match::Mapping;

void printErrors(const Material& m, const Mapping& map) {
  for (const auto& p : map.pairs) {
    const auto& t = m.refTruth.at(m.referenceIndex(p.reference));
    if (!m.pairIsRight(p) || p.flagged())
      std::cout << "  pair src " << p.source << " (film " << m.filmOfSource(p.source) << ") ref " << p.reference
                << " (film " << t.film << (t.blended() ? "|" + std::to_string(t.second) : "") << ") conf "
                << p.confidence << " flag '" << p.flag << "'" << (m.pairIsRight(p) ? " right" : " WRONG") << "\n";
  }
}

TEST(MatchSources, EverythingTogether) {
  MaterialOptions o;
  o.sourceMissingShots = {6};
  o.refCutShots = {3};
  o.censorShot = 5;
  o.duplicateEvery = 24;
  o.dropEvery = 31;
  if (getenv("FR_MOTION")) o.motion = atof(getenv("FR_MOTION"));
  if (getenv("FR_SEED")) o.seed = atoi(getenv("FR_SEED"));
  const Material m = makeMaterial(o);
  const auto t0 = std::chrono::steady_clock::now();
  const Mapping map = match::matchSources(m.source, m.reference, match::MatchOptions{});
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const MatchScore s = scoreMapping(m, map);
  std::cout << "pairs " << s.pairs << " usable " << s.usable << " right " << s.usableRight << " flagged "
            << s.flagged << " (wrong " << s.flaggedWrong << ") coverable " << s.coverable << " precision "
            << s.precision() << " recall " << s.recall() << " in " << secs << " s\n";
  printErrors(m, map);
  EXPECT_GE(s.precision(), 0.99);
  EXPECT_GE(s.recall(), 0.95);
  EXPECT_EQ(s.flaggedWrong, s.flagged);
}

}  // namespace
}  // namespace filmrecover::test
