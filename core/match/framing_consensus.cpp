#include "core/match/framing_consensus.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/exec/parallel_for.h"
#include "core/match/thumbnail_similarity.h"

namespace filmrecover::match {

namespace {

struct Candidate {
  cv::Mat warp;
  int offset = 0;
};

double centreDistance(const cv::Mat& a, const cv::Mat& b);

// Sum over voters of the squared distance to their nearest candidate, each capped at the
// tolerance (a voter with nothing near is an outlier: a damaged frame, a wrong stretch).
double cost(const std::vector<std::vector<Candidate>>& voters, const cv::Mat& f, double tol,
            std::vector<int>* nearest = nullptr) {
  double total = 0;
  if (nearest) nearest->assign(voters.size(), -1);
  for (size_t v = 0; v < voters.size(); ++v) {
    double best = tol;
    for (size_t c = 0; c < voters[v].size(); ++c) {
      const double d = centreDistance(voters[v][c].warp, f);
      if (d < best) {
        best = d;
        if (nearest) (*nearest)[v] = int(c);
      }
    }
    total += best * best;
  }
  return total;
}

// Where a warp puts the thumbnail's centre, relative to another: camera pans move it, so
// this separates the candidates of one probe; the linear part (scale, rotation, shear)
// of a single registration is far noisier than its centre shift, and is averaged over the
// agreeing voters instead.
double centreDistance(const cv::Mat& a, const cv::Mat& b) {
  const double c = 0.5 * (kFineSide - 1);
  const double dx = (a.at<float>(0, 0) - b.at<float>(0, 0)) * c + (a.at<float>(0, 1) - b.at<float>(0, 1)) * c +
                    a.at<float>(0, 2) - b.at<float>(0, 2);
  const double dy = (a.at<float>(1, 0) - b.at<float>(1, 0)) * c + (a.at<float>(1, 1) - b.at<float>(1, 1)) * c +
                    a.at<float>(1, 2) - b.at<float>(1, 2);
  return std::hypot(dx, dy);
}

}  // namespace

FramingConsensus consensusFraming(const DescriptorSet& S, const DescriptorSet& R,
                                  const std::vector<FramingProbe>& probes, const cv::Mat& initial, int reach,
                                  double tol, int threads) {
  FramingConsensus out;
  out.warp = initial.empty() ? cv::Mat::eye(2, 3, CV_32F) : initial.clone();
  std::vector<std::vector<Candidate>> all(probes.size());
  parallelFor(int(probes.size()), threads, [&](int p) {
    const FramingProbe& pr = probes[p];
    for (int d = -reach; d <= reach; ++d) {
      const int j = pr.col + d;
      if (j < pr.colLo || j >= pr.colHi) continue;
      double rho = -1;
      cv::Mat w = registerThumbnails(S.frames[j], R.frames[pr.row], &rho, out.warp);
      if (rho > 0.5) all[p].push_back({w, d});
    }
  });
  std::vector<std::vector<Candidate>> voters;
  std::vector<int> probeOf;  // voter -> probe
  for (size_t p = 0; p < all.size(); ++p)
    if (!all[p].empty()) voters.push_back(std::move(all[p])), probeOf.push_back(int(p));
  out.voters = int(voters.size());
  if (voters.size() < 3) return out;

  // Start from the candidate that most voters agree with, then refine by the mean of the
  // nearest candidates of the agreeing voters (a least-squares step; a few suffice).
  double bestCost = std::numeric_limits<double>::max();
  cv::Mat best;
  for (const auto& v : voters)
    for (const auto& c : v) {
      const double k = cost(voters, c.warp, tol);
      if (k < bestCost) bestCost = k, best = c.warp;
    }
  std::vector<int> nearest;
  cost(voters, out.warp, tol, &nearest);
  out.initialAgreeing = int(std::count_if(nearest.begin(), nearest.end(), [](int c) { return c >= 0; }));
  for (int iter = 0; iter < 5; ++iter) {
    cost(voters, best, tol, &nearest);
    cv::Mat sum = cv::Mat::zeros(2, 3, CV_64F);
    int n = 0;
    for (size_t v = 0; v < voters.size(); ++v)
      if (nearest[v] >= 0) {
        cv::Mat w;
        voters[v][nearest[v]].warp.convertTo(w, CV_64F);
        sum += w, ++n;
      }
    if (n == 0) break;
    cv::Mat mean;
    cv::Mat(sum / n).convertTo(mean, CV_32F);
    best = mean;
  }
  cost(voters, best, tol, &nearest);
  out.agreeing = int(std::count_if(nearest.begin(), nearest.end(), [](int c) { return c >= 0; }));
  out.valid = 2 * out.agreeing > out.voters;
  if (out.improves()) {
    out.warp = best;
    out.offsets.assign(probes.size(), FramingConsensus::kNoOffset);
    for (size_t v = 0; v < voters.size(); ++v)
      if (nearest[v] >= 0) out.offsets[probeOf[v]] = voters[v][nearest[v]].offset;
  }
  return out;
}

}  // namespace filmrecover::match
