#include "core/curate/pair_selection.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "core/curate/pair_features.h"

namespace filmrecover::curate {
namespace {

// Standardised, group-weighted points: each feature group (and time) weighs about the
// same in a distance however many numbers it has.
std::vector<std::vector<double>> embed(const std::vector<const PairCandidate*>& c, double timeWeight) {
  const size_t dims = c.empty() ? 0 : c[0]->features.size();
  std::vector<double> mean(dims, 0), sd(dims, 0);
  for (auto* p : c)
    for (size_t d = 0; d < dims; ++d) mean[d] += p->features[d];
  for (auto& m : mean) m /= std::max<size_t>(1, c.size());
  for (auto* p : c)
    for (size_t d = 0; d < dims; ++d) sd[d] += std::pow(p->features[d] - mean[d], 2);
  for (auto& s : sd) s = std::sqrt(s / std::max<size_t>(1, c.size()));
  auto groupWeight = [](size_t d) {
    if (d < FeatureGroups::brightnessEnd) return 1.0 / std::sqrt(4.0);
    if (d < FeatureGroups::colourEnd) return 1.0 / std::sqrt(14.0);
    return 1.0 / std::sqrt(4.0);
  };
  int lo = std::numeric_limits<int>::max(), hi = std::numeric_limits<int>::min();
  for (auto* p : c) {
    lo = std::min(lo, p->frame);
    hi = std::max(hi, p->frame);
  }
  std::vector<std::vector<double>> out;
  for (auto* p : c) {
    std::vector<double> v;
    for (size_t d = 0; d < dims; ++d)
      v.push_back(sd[d] > 1e-9 ? groupWeight(d) * (p->features[d] - mean[d]) / sd[d] : 0.0);
    // Time spans [0, 2]: comparable to a group's spread of about one standard deviation each side.
    v.push_back(hi > lo ? timeWeight * 2.0 * (p->frame - lo) / double(hi - lo) : 0.0);
    out.push_back(std::move(v));
  }
  return out;
}

double distance(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(s);
}

}  // namespace

Selection selectPairs(const std::vector<PairCandidate>& candidates, const SelectionOptions& o) {
  Selection result;
  const std::set<int> removed(o.remove.begin(), o.remove.end());
  std::vector<const PairCandidate*> usable;
  for (const auto& c : candidates) {
    if (removed.count(c.frame))
      result.rejected.push_back({c.frame, "removed by operator"});
    else if (!c.flag.empty())
      result.rejected.push_back({c.frame, c.flag});
    else
      usable.push_back(&c);
  }
  std::sort(usable.begin(), usable.end(), [](auto* a, auto* b) { return a->frame < b->frame; });
  const int wanted = std::max(0, o.train) + std::max(0, o.holdout);
  const int total = std::min<int>(wanted, static_cast<int>(usable.size()));
  int holdoutCount = std::min(std::max(0, o.holdout), total);
  if (total < wanted) holdoutCount = std::min(holdoutCount, o.holdout > 0 && total >= 2 ? std::max(1, total / 4) : 0);
  const auto points = embed(usable, o.timeWeight);

  std::vector<int> picked;  // indices into usable
  std::vector<bool> taken(usable.size(), false), forced(usable.size(), false);
  auto take = [&](int i) {
    if (i >= 0 && !taken[i]) {
      taken[i] = true;
      picked.push_back(i);
    }
  };
  for (int frame : o.add)
    for (size_t i = 0; i < usable.size(); ++i)
      if (usable[i]->frame == frame) {
        forced[i] = true;
        take(static_cast<int>(i));
      }
  // One frame per shot (the middle of its usable frames), largest shots first, using at
  // most half of the budget so diversity still decides the rest.
  std::map<int, std::vector<int>> byShot;
  for (size_t i = 0; i < usable.size(); ++i) byShot[usable[i]->shot].push_back(static_cast<int>(i));
  std::vector<std::pair<int, int>> shotSizes;
  for (auto& [shot, members] : byShot) shotSizes.emplace_back(static_cast<int>(members.size()), shot);
  std::sort(shotSizes.rbegin(), shotSizes.rend());
  std::set<int> shotsPicked;
  for (int i : picked) shotsPicked.insert(usable[i]->shot);
  const int seedBudget = std::max(1, total / 2);
  int seeded = 0;
  for (auto& [size, shot] : shotSizes) {
    if (static_cast<int>(picked.size()) >= total || seeded >= seedBudget) break;
    if (shotsPicked.count(shot)) continue;
    const auto& members = byShot[shot];
    take(members[members.size() / 2]);
    shotsPicked.insert(shot);
    ++seeded;
  }
  // Greedy k-centre: the candidate farthest from everything picked so far, again and again.
  std::vector<double> nearest(usable.size(), std::numeric_limits<double>::infinity());
  for (int p : picked)
    for (size_t i = 0; i < usable.size(); ++i) nearest[i] = std::min(nearest[i], distance(points[i], points[p]));
  if (picked.empty() && total > 0) {
    // Start from the most typical frame: closest to the centroid.
    std::vector<double> centroid(points[0].size(), 0.0);
    for (auto& p : points)
      for (size_t d = 0; d < p.size(); ++d) centroid[d] += p[d] / points.size();
    int best = 0;
    for (size_t i = 1; i < points.size(); ++i)
      if (distance(points[i], centroid) < distance(points[best], centroid)) best = static_cast<int>(i);
    take(best);
    for (size_t i = 0; i < usable.size(); ++i) nearest[i] = distance(points[i], points[best]);
  }
  while (static_cast<int>(picked.size()) < total) {
    int best = -1;
    for (size_t i = 0; i < usable.size(); ++i)
      if (!taken[i] && (best < 0 || nearest[i] > nearest[best])) best = static_cast<int>(i);
    if (best < 0) break;
    take(best);
    for (size_t i = 0; i < usable.size(); ++i) nearest[i] = std::min(nearest[i], distance(points[i], points[best]));
  }
  // Hold-out: spread over time among the non-forced picks, preferring shots that keep
  // another pick for training.
  std::vector<int> pool;
  for (int i : picked)
    if (!forced[i]) pool.push_back(i);
  std::sort(pool.begin(), pool.end(), [&](int a, int b) { return usable[a]->frame < usable[b]->frame; });
  std::set<int> holdout;
  std::map<int, int> perShot;
  for (int i : picked) ++perShot[usable[i]->shot];
  for (int k = 0; k < holdoutCount && !pool.empty(); ++k) {
    const double target = (k + 0.5) * pool.size() / holdoutCount;
    int best = -1;
    double bestScore = std::numeric_limits<double>::infinity();
    for (size_t j = 0; j < pool.size(); ++j) {
      const int i = pool[j];
      if (holdout.count(i)) continue;
      const double score = std::abs(j + 0.5 - target) + (perShot[usable[i]->shot] < 2 ? 1e3 : 0.0);
      if (score < bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) break;
    holdout.insert(best);
    --perShot[usable[best]->shot];
  }
  for (int i : picked) (holdout.count(i) ? result.holdout : result.train).push_back(usable[i]->frame);
  std::sort(result.train.begin(), result.train.end());
  std::sort(result.holdout.begin(), result.holdout.end());
  std::sort(result.rejected.begin(), result.rejected.end(),
            [](const RejectedPair& a, const RejectedPair& b) { return a.frame < b.frame; });
  return result;
}

}  // namespace filmrecover::curate
