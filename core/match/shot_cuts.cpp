#include "core/match/shot_cuts.h"

#include <algorithm>

namespace filmrecover::match {

std::vector<int> detectCuts(const std::vector<FrameDescriptor>& frames, const CutOptions& o,
                            std::vector<int>* unreadable) {
  const int n = static_cast<int>(frames.size());
  std::vector<float> change(n, 0.0f);  // change[i]: between frame i-1 and i
  for (int i = 1; i < n; ++i) change[i] = 1.0f - coarseSimilarity(frames[i - 1], frames[i]);
  std::vector<int> cuts;
  std::vector<float> around;
  for (int i = 1; i < n; ++i) {
    if (change[i] < o.minJump) continue;
    around.clear();
    for (int k = std::max(1, i - o.window); k <= std::min(n - 1, i + o.window); ++k)
      if (std::abs(k - i) > 1) around.push_back(change[k]);
    float typical = 0.02f;
    if (!around.empty()) {
      std::nth_element(around.begin(), around.begin() + around.size() / 2, around.end());
      typical = std::max(typical, around[around.size() / 2]);
    }
    if (change[i] >= o.localFactor * typical) cuts.push_back(i);
  }
  // A flash gives two jumps one or two frames apart; where the pictures on either side
  // of it continue each other, it is neither cut.
  std::vector<int> kept;
  for (size_t c = 0; c < cuts.size(); ++c) {
    const int a = cuts[c];
    const int b = c + 1 < cuts.size() ? cuts[c + 1] : -1;
    if (b > a && b - a <= 2 && a >= 1 && 1.0f - coarseSimilarity(frames[a - 1], frames[b]) < o.minJump) {
      if (unreadable)
        for (int k = a; k < b; ++k) unreadable->push_back(k);
      ++c;  // b is the flash's end, not a cut
      continue;
    }
    kept.push_back(a);
  }
  return kept;
}

}  // namespace filmrecover::match
