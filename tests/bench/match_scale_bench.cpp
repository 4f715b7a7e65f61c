// Matching at film length: renders the recipe (tests/core/match/film_material.h)
// at N frames per element (default 10,000; shots of ~40 frames), describes both elements
// and matches them, and prints the time of each stage and the precision and recall
// against the known truth. Not a test: its figures depend on the machine.
//   match_scale_bench [FRAMES] [SEED]
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "core/exec/cancel_token.h"
#include "core/match/descriptor_set.h"
#include "core/match/temporal_matcher.h"
#include "tests/core/match/film_material.h"

int main(int argc, char** argv) {
  using namespace filmrecover;
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  test::MaterialOptions o = test::everythingTogether(argc > 2 ? unsigned(std::atoi(argv[2])) : 5u);
  if (argc > 2) o.seed = unsigned(std::atoi(argv[2]));
  o.frames = argc > 1 ? std::atoi(argv[1]) : 10000;
  if (o.frames < 400) {
    std::cerr << "match_scale_bench: FRAMES must be at least 400 (got " << o.frames << ")\n";
    return 1;
  }
  o.shots = o.frames / 40;
  o.sourceMissingShots = {o.shots / 3};
  o.refCutShots = {o.shots / 5};
  o.censorShot = o.shots / 2;
  o.sourceFlashShots = {3, o.shots - 4};
  const test::Material m = test::makeMaterial(o);
  const auto t0 = Clock::now();
  const auto source = match::extractDescriptors(m.source, 0, {}, {}, "source");
  const auto reference = match::extractDescriptors(m.reference, 0, {}, {}, "reference");
  const auto t1 = Clock::now();
  const auto mapping = match::matchDescriptors(source, reference, match::MatchOptions{}, CancelToken{});
  const auto t2 = Clock::now();
  const test::MatchScore s = test::scoreMapping(m, mapping);
  std::cout << "{\"frames\": [" << source.frames.size() << ", " << reference.frames.size()
            << "], \"render_and_describe_s\": " << seconds(t0, t1) << ", \"match_s\": " << seconds(t1, t2)
            << ", \"precision\": " << s.precision() << ", \"recall\": " << s.recall() << ", \"flagged\": " << s.flagged
            << ", \"flagged_wrong\": " << s.flaggedWrong << "}\n";
  // Flags must mark bad pairs only: name any right one.
  for (const auto& p : mapping.pairs)
    if (p.flagged() && m.pairIsRight(p))
      std::cout << "right pair flagged: source " << p.source << " (film " << m.filmOfSource(p.source) << "), reference "
                << p.reference << ", confidence " << p.confidence << ", " << p.flag << "\n";
  return 0;
}
