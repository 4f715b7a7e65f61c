#include "core/match/shot_cuts.h"

#include <algorithm>

namespace filmrecover::match {

std::vector<int> detectCuts(const std::vector<FrameDescriptor>& frames, const CutOptions& o) {
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
    // A one-frame flash gives two jumps; both are kept (the flash is a shot of its own).
    if (change[i] >= o.localFactor * typical) cuts.push_back(i);
  }
  return cuts;
}

}  // namespace filmrecover::match
