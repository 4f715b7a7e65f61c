#include "core/match/warp_medoid.h"

#include <algorithm>
#include <limits>

#include "core/match/thumbnail_similarity.h"

namespace filmrecover::match {

cv::Mat medoidWarp(const std::vector<cv::Mat>& warps, double cap) {
  if (warps.empty()) return cv::Mat::eye(2, 3, CV_32F);
  size_t best = 0;
  double bestCost = std::numeric_limits<double>::max();
  for (size_t a = 0; a < warps.size(); ++a) {
    double cost = 0;
    for (size_t b = 0; b < warps.size(); ++b)
      if (a != b) cost += std::min(cap, warpDistance(warps[a], warps[b]));
    if (cost < bestCost) bestCost = cost, best = a;
  }
  // Inside the medoid's cluster the element-wise median is consistent again, and it is
  // less swayed than one registration by the pan of the shot that registration came from.
  std::vector<const cv::Mat*> cluster;
  for (const auto& w : warps)
    if (warpDistance(w, warps[best]) < cap) cluster.push_back(&w);
  cv::Mat out(2, 3, CV_32F);
  std::vector<float> v;
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 3; ++c) {
      v.clear();
      for (const cv::Mat* w : cluster) v.push_back(w->at<float>(r, c));
      std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
      out.at<float>(r, c) = v[v.size() / 2];
    }
  return out;
}

}  // namespace filmrecover::match
