#include "core/synth/retime.h"

#include <algorithm>

namespace filmrecover::synth {

std::vector<RetimedFrame> retime(const SyntheticFilm& film, const RetimeOptions& o) {
  std::vector<int> kept;
  const int last = film.frameCount() - o.endTrim;
  for (int i = std::max(0, o.startOffset); i < last; ++i) {
    const int shot = film.shotOf(i);
    if (std::find(o.cutShots.begin(), o.cutShots.end(), shot) == o.cutShots.end()) kept.push_back(i);
  }
  std::vector<RetimedFrame> out;
  switch (o.rate) {
    case RateChange::None:
      for (int f : kept) out.push_back({f, -1});
      break;
    case RateChange::Duplicate25:
      for (size_t k = 0; k < kept.size(); ++k) {
        out.push_back({kept[k], -1});
        if (k % 24 == 23) out.push_back({kept[k], -1});
      }
      break;
    case RateChange::Drop:
      for (size_t k = 0; k < kept.size(); ++k)
        if (o.dropEvery <= 1 || k % o.dropEvery != static_cast<size_t>(o.dropEvery - 1))
          out.push_back({kept[k], -1});
      break;
    case RateChange::Pulldown32:
      // Fields AA BB BC CD DD: frames A, B, B|C, C|D, D for each group of four.
      for (size_t k = 0; k + 3 < kept.size() + 3; k += 4) {
        auto at = [&](size_t i) { return kept[std::min(i, kept.size() - 1)]; };
        if (k >= kept.size()) break;
        out.push_back({at(k), -1});
        if (k + 1 >= kept.size()) break;
        out.push_back({at(k + 1), -1});
        if (k + 2 >= kept.size()) break;
        out.push_back({at(k + 1), at(k + 2)});
        if (k + 3 >= kept.size()) { out.push_back({at(k + 2), -1}); break; }
        out.push_back({at(k + 2), at(k + 3)});
        out.push_back({at(k + 3), -1});
      }
      break;
  }
  return out;
}

}  // namespace filmrecover::synth
