#include "core/match/element_timeline.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/exec/parallel_for.h"
#include "core/match/cadence.h"
#include "core/match/frame_motion.h"
#include "core/match/thumbnail_similarity.h"

namespace filmrecover::match {

namespace {

float medianOf(std::vector<float> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}


}  // namespace

AxisEvents analyseTimeline(const DescriptorSet& set, const std::vector<int>& cuts, const TimelineOptions& o,
                           std::vector<float>* motionOut, const std::vector<int>& unreadable) {
  const int n = int(set.frames.size());
  AxisEvents ev;
  ev.evidence = true;
  ev.shotStart.assign(n, false);
  ev.softStart.assign(n, false);
  ev.duplicate.assign(n, false);
  ev.jump.assign(n, false);
  ev.blend.assign(n, false);
  ev.unreadable.assign(n, false);
  if (n == 0) return ev;
  ev.shotStart[0] = true;
  for (int c : cuts) ev.shotStart[c] = true;
  for (int u : unreadable)
    if (u >= 0 && u < n) ev.unreadable[u] = true;
  // A step into or out of an unreadable frame measures nothing.
  auto unmeasured = [&](int i) { return ev.unreadable[i] || (i > 0 && ev.unreadable[i - 1]); };

  // motion[i]: how the picture moved since frame i-1 (invalid at shot starts and where
  // no registration holds); change[i]: 1 - fine similarity with frame i-1.
  std::vector<FrameMotion> motion(n);
  std::vector<float> change(n, 0.0f);
  parallelFor(n - 1, o.threads, [&](int k) {
    const int i = k + 1;
    if (ev.shotStart[i] || unmeasured(i)) return;
    motion[i] = measureMotion(set.frames[i - 1], set.frames[i]);
    change[i] = 1.0f - fineSimilarity(fineVector(set.frames[i - 1]), fineVector(set.frames[i]));
  });

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

  // Each frame's motion against the typical motion around it, inside its shot, blends
  // left out. The typical motion is the per-point median of the neighbours' (a pan, a
  // zoom, or both); a frame's motion projected onto it counts frames of film time: ~0 a
  // repeated frame, ~1 a normal step, ~2 a lost frame, more a jump in time. This holds
  // however slowly the camera creeps, as long as the steps of the neighbours scatter
  // clearly less than a step; where they do not (a still or flat, damaged shot) the
  // element cannot tell and shows nothing.
  std::vector<float> around;
  std::vector<const FrameMotion*> near;
  struct LocalStep {
    FrameMotion typical;
    float speed2 = 0, sigma = 0, steps = 0;
    float typicalChange = 0;  // median picture change of the neighbours (0: unknown)
    bool measured = false;  // a camera motion clear of the neighbours' noise
  };
  std::vector<LocalStep> local(n);
  for (int i = 1; i < n; ++i) {
    if (ev.shotStart[i] || unmeasured(i)) continue;
    around.clear();
    near.clear();
    auto take = [&](int k) {
      if (ev.blend[k] || ev.blend[k - 1] || unmeasured(k)) return;
      if (motion[k].valid) near.push_back(&motion[k]);
      around.push_back(change[k]);
    };
    for (int k = i - 1; k >= std::max(1, i - 8) && !ev.shotStart[k]; --k) take(k);
    for (int k = i + 1; k < std::min(n, i + 9) && !ev.shotStart[k]; ++k) take(k);
    if (around.size() >= 3) {
      const float typicalChange = std::max(0.01f, medianOf(around));
      local[i].typicalChange = typicalChange;
      ev.softStart[i] = change[i] > 0.15f && change[i] > o.softStartRatio * typicalChange;
    }
    if (near.size() < 3 || !motion[i].valid) continue;
    LocalStep& L = local[i];
    for (size_t c = 0; c < L.typical.d.size(); ++c) {
      around.clear();
      for (const FrameMotion* m : near) around.push_back(m->d[c]);
      L.typical.d[c] = medianOf(around);
    }
    // The noise in units of steps: the spread of the neighbours' own steps about 1 (a
    // robust sigma from their median absolute deviation; an event among them does not
    // move it).
    L.speed2 = L.typical.dot(L.typical);
    if (L.speed2 <= 0) continue;
    around.clear();
    for (const FrameMotion* m : near) around.push_back(std::fabs(m->dot(L.typical) / L.speed2 - 1.0f));
    L.sigma = 1.4826f * medianOf(around);
    L.steps = motion[i].dot(L.typical) / L.speed2;
    L.measured = std::sqrt(L.speed2 / kMotionPoints) >= o.minMotion && L.sigma <= o.maxStepNoise;
  }
  // The noise of a whole shot: the median of its frames' local noise. A damaged print's
  // still or flat shot scatters so much over most of its length that its few quieter
  // stretches still show repeats that are not there; such a shot shows no events at all.
  std::vector<float> shotNoise(n, 0.0f);
  for (int a = 0; a < n;) {
    int b = a + 1;
    while (b < n && !ev.shotStart[b]) ++b;
    around.clear();
    for (int i = a; i < b; ++i)
      if (local[i].speed2 > 0) around.push_back(local[i].sigma);
    const float noise = around.size() >= 6 ? medianOf(around) : 0.0f;
    for (int i = a; i < b; ++i) shotNoise[i] = noise;
    a = b;
  }
  // seen[i]: the step into frame i was measured clearly (a normal step, or a confirmed
  // repeat or loss); elsewhere a regular cadence may fill in what the pictures cannot.
  std::vector<bool> seen(n, false);
  for (int i = 1; i < n; ++i) {
    const LocalStep& L = local[i];
    if (!L.measured || shotNoise[i] > o.maxShotStepNoise) continue;
    const FrameMotion& typical = L.typical;
    const float speed2 = L.speed2, steps = L.steps;
    if (steps > o.timeJumpSteps) {
      ev.softStart[i] = true;
      continue;
    }
    // A repeated frame shows no motion, not motion backwards: a step well below zero (seen
    // at -1 to -1.4 on a scratched print) is a failed registration.
    // And its picture changes no more than a usual step does (a damaged frame that failed
    // to register changes more: 2x against at most 0.8x for the repeats seen).
    // Either must also stand clear of the noise of the steps around it.
    const bool clear = std::fabs(steps - 1.0f) >= o.minEventSigmas * L.sigma;
    const bool dup = clear && steps < o.duplicateRatio && steps > -2.0f * o.duplicateRatio &&
                     (L.typicalChange <= 0 || change[i] <= L.typicalChange),
               lost = clear && steps > o.jumpRatio;
    if (!dup && !lost) {
      seen[i] = true;
      continue;
    }
    // One frame registered badly (damage, a flash) looks like a repeat and a lost frame
    // side by side. The motions over two frames that end at and pass over this one tell
    // the two apart: a real repeat or loss is in both (1 or 3 steps), a badly registered
    // frame is an end of only one of them, the other spans a normal 2. (A repeat right
    // after a loss, or before one, looks like one badly registered frame and is left out.)
    int agree = 0, spans = 0;
    auto span = [&](int a, int b) {
      if (a < 0 || b >= n || ev.shotStart[a + 1] || ev.shotStart[b]) return;  // b = a + 2
      if (ev.unreadable[a] || ev.unreadable[a + 1] || ev.unreadable[b]) return;
      const FrameMotion m = measureMotion(set.frames[a], set.frames[b]);
      if (!m.valid) return;
      const float st = m.dot(typical) / speed2;
      if (st > o.timeJumpSteps + 1.0f) return;  // spans a jump in time next door: tells nothing
      ++spans;
      agree += dup ? st < 1.4f : st > 2.5f;  // nearer 1 (or 3) than a normal 2
      };
    span(i - 2, i);
    span(i - 1, i + 1);
    if (spans == 0 || agree < spans) {
      // A repeat and a lost frame side by side (the cadences of a transfer's repeats and
      // of the film's losses meet) move like one frame displaced by a step, which is what
      // a badly registered frame looks like too. The picture tells them apart: the
      // repeated frame shows the same picture as the one before it (its change is a
      // fraction of the shot's usual frame-to-frame change), a badly registered one does
      // not. Both steps must be clear: a repeat and a loss, not noise.
      const int r = dup ? i : i + 1, l = dup ? i + 1 : i;  // the repeat and the loss
      const bool pair = i + 1 < n && local[i + 1].measured && !ev.shotStart[i + 1] &&
                        (dup ? local[i + 1].steps > o.jumpRatio && local[i + 1].steps < o.timeJumpSteps
                             : std::fabs(local[i + 1].steps) < o.duplicateRatio) &&
                        local[r].typicalChange > 0 && change[r] < o.repeatChangeRatio * local[r].typicalChange;
      if (!pair) continue;
      ev.duplicate[r] = true;
      ev.jump[l] = true;
      seen[i] = seen[i + 1] = true;
      ++i;  // the next frame is decided
      continue;
    }
    ev.duplicate[i] = dup;
    ev.jump[i] = lost;
    seen[i] = true;
  }
  // Re-timings repeat and drop frames on a cadence over the whole element; where the
  // events seen in moving shots keep one, the ones it puts in still or unreadable
  // stretches between them are taken as shown (cadence.h). No cadence, no change.
  bridgeCadence(ev.duplicate, seen, ev.shotStart);
  bridgeCadence(ev.jump, seen, ev.shotStart);
  if (motionOut) {
    motionOut->assign(n, -1.0f);
    for (int i = 0; i < n; ++i)
      if (motion[i].valid) (*motionOut)[i] = motion[i].norm();
  }
  return ev;
}

}  // namespace filmrecover::match
