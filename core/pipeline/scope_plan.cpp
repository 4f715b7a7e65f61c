#include "core/pipeline/scope_plan.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "core/exec/errors.h"
#include "core/io/frame_set.h"

namespace filmrecover::pipeline {
using nlohmann::json;

ScopeChoice parseScopeChoice(const std::string& t) {
  if (t == "sequence") return ScopeChoice::Sequence;
  if (t == "scene") return ScopeChoice::Scene;
  if (t == "shot") return ScopeChoice::Shot;
  if (t == "auto") return ScopeChoice::Auto;
  throw InputError("--scope must be sequence, scene, shot or auto, not '" + t + "'.");
}

std::string toString(ScopeChoice s) {
  switch (s) {
    case ScopeChoice::Sequence: return "sequence";
    case ScopeChoice::Scene: return "scene";
    case ScopeChoice::Shot: return "shot";
    case ScopeChoice::Auto: return "auto";
  }
  return "auto";
}

std::vector<ShotSpan> shotSpans(const std::vector<int>& frames, const std::vector<int>& cuts) {
  std::vector<ShotSpan> shots;
  if (frames.empty()) return shots;
  std::vector<int> starts = {frames.front()};
  for (int c : cuts)
    if (c > frames.front() && c <= frames.back()) starts.push_back(c);
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  for (size_t i = 0; i < starts.size(); ++i)
    shots.push_back({static_cast<int>(i), starts[i], i + 1 < starts.size() ? starts[i + 1] - 1 : frames.back()});
  return shots;
}

int shotIndexOf(const std::vector<ShotSpan>& shots, int frame) {
  for (const auto& s : shots)
    if (frame >= s.first && frame <= s.last) return s.index;
  return -1;
}

void to_json(json& j, const ScopeRule& r) {
  j = {{"failRatio", r.failRatio},           {"failMargin", r.failMargin},
       {"sceneMargin", r.sceneMargin},       {"sceneLumaMargin", r.sceneLumaMargin},
       {"minTrainPairs", r.minTrainPairs},
       {"maxJudgedPerShot", r.maxJudgedPerShot}};
}

namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

std::string shotName(int index) { return "shot " + std::to_string(index + 1); }

}  // namespace

void judgeShots(std::vector<ShotJudgement>& shots, const ScopeRule& rule, const std::string& unit) {
  for (auto& s : shots)
    s.error = s.judged() ? std::accumulate(s.errors.begin(), s.errors.end(), 0.0) / s.errors.size() : -1.0;
  const long judgedCount = std::count_if(shots.begin(), shots.end(), [](const ShotJudgement& s) { return s.judged(); });
  for (auto& s : shots) {
    s.failing = false;
    s.othersMedian = -1;
    if (!s.judged()) {
      s.verdict = "not judged: no pair of this shot was held out of training";
      continue;
    }
    std::vector<double> others;
    for (const auto& o : shots)
      if (&o != &s && o.judged()) others.push_back(o.error);
    if (others.empty()) {
      s.verdict = number(s.error) + " " + unit + "; no other shot to compare with";
      continue;
    }
    s.othersMedian = median(others);
    const double ratio = s.othersMedian > 0 ? s.error / s.othersMedian : 0.0;
    s.failing = judgedCount >= 2 && s.error >= rule.failRatio * s.othersMedian &&
                s.error - s.othersMedian >= rule.failMargin;
    s.verdict = number(s.error) + " " + unit + " against " + number(s.othersMedian) + " on the other shots (" +
                number(ratio) + "x, " + (s.error >= s.othersMedian ? "+" : "") + number(s.error - s.othersMedian) +
                "): " + (s.failing ? "fails" : "served");
  }
}

SceneMeasure sceneMeasureFor(const std::string& mode) {
  if (mode == "spatial") return SceneMeasure::Luma;
  if (mode == "combined") return SceneMeasure::Both;
  return SceneMeasure::Colour;
}

bool sameScene(const ShotBias& x, const ShotBias& y, const ScopeRule& rule, SceneMeasure measure) {
  const bool colour = std::hypot(x.a - y.a, x.b - y.b) <= rule.sceneMargin;
  const bool luma = std::abs(x.luma - y.luma) <= rule.sceneLumaMargin;
  if (measure == SceneMeasure::Luma) return luma;
  if (measure == SceneMeasure::Both) return colour && luma;
  return colour;
}

namespace {

// Why shot q starts a scene after shot p, in the measure's terms.
std::string sceneBreak(const ShotBias& p, const ShotBias& q, const ScopeRule& rule, SceneMeasure measure) {
  std::string why;
  if (measure != SceneMeasure::Luma && std::hypot(q.a - p.a, q.b - p.b) > rule.sceneMargin)
    why = "mean colour error (a*, b*) " + number(q.a) + ", " + number(q.b) + " against " + number(p.a) + ", " +
          number(p.b) + " (" + number(std::hypot(q.a - p.a, q.b - p.b)) + " apart)";
  if (measure != SceneMeasure::Colour && std::abs(q.luma - p.luma) > rule.sceneLumaMargin)
    why += (why.empty() ? "" : "; ") + std::string("mean luma error ") + number(q.luma) + " % against " +
           number(p.luma) + " % (" + number(std::abs(q.luma - p.luma)) + " apart)";
  return why;
}

}  // namespace

std::vector<SceneSpan> groupScenes(int shotCount, const std::vector<bool>& measured,
                                   const std::vector<ShotBias>& bias, const ScopeRule& rule, SceneMeasure measure) {
  std::vector<SceneSpan> scenes;
  if (shotCount <= 0) return scenes;
  // scene[i]: the scene of shot i. A new scene starts at a measured shot whose colour does not
  // agree with the last measured shot before it.
  std::vector<int> scene(shotCount, 0);
  std::vector<std::string> why;
  int current = 0, lastMeasured = -1;
  why.push_back("");
  for (int i = 0; i < shotCount; ++i) {
    if (measured[i] && lastMeasured >= 0) {
      const ShotBias& p = bias[lastMeasured];
      const ShotBias& q = bias[i];
      if (!sameScene(p, q, rule, measure)) {
        ++current;
        why.push_back("the film's model errs otherwise on " + shotName(i) + " than on " + shotName(lastMeasured) +
                      ": " + sceneBreak(p, q, rule, measure));
      }
    }
    if (measured[i]) lastMeasured = i;
    scene[i] = current;
  }
  why[0] = "the film's first scene";
  for (int i = 0; i < shotCount; ++i) {
    if (scenes.empty() || scenes.back().index != scene[i])
      scenes.push_back({scene[i], i, i, why[scene[i]]});
    else
      scenes.back().lastShot = i;
  }
  return scenes;
}

namespace {

ScopedRange rangeOf(const std::string& kind, int number, const std::vector<int>& shotIndices, const ScopeInputs& in,
                    const ScopeRule& rule, const std::string& reason) {
  ScopedRange r;
  r.kind = kind;
  r.name = kind + "-" + std::to_string(number + 1);
  r.shots = shotIndices;
  r.reason = reason;
  auto inside = [&](int f) {
    for (int s : shotIndices)
      if (f >= in.shots[s].first && f <= in.shots[s].last) return true;
    return false;
  };
  for (int f : in.frames)
    if (inside(f)) r.frames.push_back(f);
  for (int f : in.trainFrames)
    if (inside(f)) r.trainFrames.push_back(f);
  for (int f : in.holdoutFrames)
    if (inside(f)) r.holdoutFrames.push_back(f);
  std::vector<int> unused;
  for (int f : in.unusedFrames)
    if (inside(f)) unused.push_back(f);
  for (size_t k = 1; k < unused.size(); k += 2) r.borrowedFrames.push_back(unused[k]);
  r.trainFrames.insert(r.trainFrames.end(), r.borrowedFrames.begin(), r.borrowedFrames.end());
  std::sort(r.trainFrames.begin(), r.trainFrames.end());
  for (int s : shotIndices)
    for (int f : in.judgements[s].frames)
      if (!std::binary_search(r.borrowedFrames.begin(), r.borrowedFrames.end(), f)) r.judgedFrames.push_back(f);
  std::sort(r.judgedFrames.begin(), r.judgedFrames.end());
  r.trainable = static_cast<int>(r.trainFrames.size()) >= rule.minTrainPairs;
  if (!r.trainable)
    r.reason += "; too few training pairs (" + std::to_string(r.trainFrames.size()) + ", at least " +
                std::to_string(rule.minTrainPairs) + " needed): the broad model renders it";
  return r;
}

std::vector<int> shotsOfScene(const SceneSpan& s) {
  std::vector<int> v;
  for (int i = s.firstShot; i <= s.lastShot; ++i) v.push_back(i);
  return v;
}

}  // namespace

std::vector<ScopedRange> planScopedRanges(ScopeChoice scope, const ScopeInputs& in, const ScopeRule& rule) {
  std::vector<ScopedRange> ranges;
  switch (scope) {
    case ScopeChoice::Sequence:
      break;
    case ScopeChoice::Scene:
      if (in.scenes.size() > 1)
        for (const auto& s : in.scenes) ranges.push_back(rangeOf("scene", s.index, shotsOfScene(s), in, rule, "--scope scene"));
      break;
    case ScopeChoice::Shot:
      if (in.shots.size() > 1)
        for (const auto& s : in.shots) ranges.push_back(rangeOf("shot", s.index, {s.index}, in, rule, "--scope shot"));
      break;
    case ScopeChoice::Auto:
      for (const auto& scene : in.scenes) {
        std::vector<int> failing;
        int judged = 0;
        for (int i = scene.firstShot; i <= scene.lastShot; ++i) {
          judged += in.judgements[i].judged();
          if (in.judgements[i].failing) failing.push_back(i);
        }
        if (failing.empty()) continue;
        // The whole scene fails (and is not the whole film): one model for it, its unjudged
        // shots included (they belong to it by colour or by place).
        const bool wholeFilm = scene.firstShot == 0 && scene.lastShot + 1 == static_cast<int>(in.shots.size());
        if (static_cast<int>(failing.size()) == judged && !wholeFilm) {
          std::string why = "the broad model fails every judged shot of this scene (";
          for (size_t k = 0; k < failing.size(); ++k) why += (k ? ", " : "") + shotName(failing[k]);
          ranges.push_back(rangeOf("scene", scene.index, shotsOfScene(scene), in, rule, why + ")"));
        } else {
          for (int i : failing)
            ranges.push_back(rangeOf("shot", i, {i}, in, rule,
                                     "the broad model fails this shot: " + in.judgements[i].verdict));
        }
      }
      break;
  }
  return ranges;
}

std::vector<RenderRange> renderRanges(const json& scopeResult, const std::string& broadModel,
                                      const std::vector<int>& frames) {
  std::vector<RenderRange> ranges;
  std::vector<bool> taken(frames.size(), false);
  if (scopeResult.is_object() && scopeResult.contains("render") && scopeResult["render"].is_array()) {
    for (const auto& r : scopeResult["render"]) {
      RenderRange range{r.value("name", std::string()), r.value("model", std::string()), {}};
      if (range.model.empty()) continue;
      std::vector<int> wanted = parseFrameSet(r.value("frames", std::string()));
      std::sort(wanted.begin(), wanted.end());
      for (size_t i = 0; i < frames.size(); ++i)
        if (!taken[i] && std::binary_search(wanted.begin(), wanted.end(), frames[i])) {
          range.frames.push_back(frames[i]);
          taken[i] = true;
        }
      if (!range.frames.empty()) ranges.push_back(std::move(range));
    }
  }
  RenderRange broad{"sequence", broadModel, {}};
  for (size_t i = 0; i < frames.size(); ++i)
    if (!taken[i]) broad.frames.push_back(frames[i]);
  if (!broad.frames.empty()) ranges.insert(ranges.begin(), std::move(broad));
  return ranges;
}

}  // namespace filmrecover::pipeline
