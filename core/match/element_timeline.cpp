#include "core/match/element_timeline.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/match/thumbnail_similarity.h"

namespace filmrecover::match {

namespace {

float medianOf(std::vector<float> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

cv::Mat prepared(const FrameDescriptor& d) {
  cv::Mat t = fineThumbnail(d), low;
  cv::GaussianBlur(t, low, cv::Size(0, 0), 4.0);
  return t - low;
}

}  // namespace

AxisEvents analyseTimeline(const DescriptorSet& set, const std::vector<int>& cuts, const TimelineOptions& o,
                           std::vector<float>* motionOut) {
  const int n = int(set.frames.size());
  AxisEvents ev;
  ev.evidence = true;
  ev.shotStart.assign(n, false);
  ev.softStart.assign(n, false);
  ev.duplicate.assign(n, false);
  ev.jump.assign(n, false);
  ev.blend.assign(n, false);
  if (n == 0) return ev;
  ev.shotStart[0] = true;
  for (int c : cuts) ev.shotStart[c] = true;

  // motion[i]: shift since frame i-1 (-1 when the correlation is not trustworthy, e.g. on
  // periodic texture or a damaged frame); change[i]: 1 - fine similarity with frame i-1.
  std::vector<float> motion(n, -1.0f), change(n, 0.0f);
  cv::Mat window;
  cv::createHanningWindow(window, cv::Size(kFineSide, kFineSide), CV_32F);
  cv::Mat prev = prepared(set.frames[0]);
  std::vector<float> prevVec = fineVector(set.frames[0]);
  for (int i = 1; i < n; ++i) {
    cv::Mat cur = prepared(set.frames[i]);
    std::vector<float> curVec = fineVector(set.frames[i]);
    if (!ev.shotStart[i]) {
      double response = 0;
      const cv::Point2d s = cv::phaseCorrelate(prev, cur, window, &response);
      const double shift = std::hypot(s.x, s.y);
      if (response > 0.05 && shift < kFineSide / 8.0) motion[i] = float(shift);
      change[i] = 1.0f - fineSimilarity(prevVec, curVec);
    }
    prev = cur;
    prevVec = std::move(curVec);
  }

  std::vector<float> combs;
  for (const auto& f : set.frames) combs.push_back(f.comb);
  const float combLimit = std::max(0.9f, o.combFlag * medianOf(combs));
  for (int i = 0; i < n; ++i) ev.blend[i] = set.frames[i].comb > combLimit;
  // 3:2 pulldown weaves two frames of every five; where the motion is small the comb is
  // too weak to see frame by frame, but the cadence is not: when clearly combed frames
  // fall on two neighbouring phases of five, every frame on those phases is a blend.
  int combed = 0;
  std::vector<int> perPhase(5, 0);
  for (int i = 0; i < n; ++i)
    if (ev.blend[i]) ++combed, ++perPhase[i % 5];
  if (n >= 20 && combed >= n / 10) {
    int best = 0;
    for (int p = 1; p < 5; ++p)
      if (perPhase[p] + perPhase[(p + 1) % 5] > perPhase[best] + perPhase[(best + 1) % 5]) best = p;
    if (perPhase[best] + perPhase[(best + 1) % 5] >= combed * 8 / 10)
      for (int i = 0; i < n; ++i) ev.blend[i] = ev.blend[i] || i % 5 == best || i % 5 == (best + 1) % 5;
  }

  // Typical motion and change around each frame, inside its shot, blends left out.
  std::vector<float> around, aroundChange;
  for (int i = 1; i < n; ++i) {
    if (ev.shotStart[i]) continue;
    around.clear();
    aroundChange.clear();
    auto take = [&](int k) {
      if (ev.blend[k] || ev.blend[k - 1]) return;
      if (motion[k] >= 0) around.push_back(motion[k]);
      aroundChange.push_back(change[k]);
    };
    for (int k = i - 1; k >= std::max(1, i - 8) && !ev.shotStart[k]; --k) take(k);
    for (int k = i + 1; k < std::min(n, i + 9) && !ev.shotStart[k]; ++k) take(k);
    if (aroundChange.size() >= 3) {
      const float typicalChange = std::max(0.01f, medianOf(aroundChange));
      ev.softStart[i] = change[i] > 0.15f && change[i] > o.softStartRatio * typicalChange;
    }
    if (around.size() < 3 || motion[i] < 0) continue;
    const float typical = medianOf(around);
    if (typical < o.minMotion) continue;
    ev.duplicate[i] = motion[i] < o.duplicateRatio * typical;
    ev.jump[i] = motion[i] > o.jumpRatio * typical;
  }
  if (motionOut) *motionOut = motion;
  return ev;
}

}  // namespace filmrecover::match
