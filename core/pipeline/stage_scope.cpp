// Scope stage (issue 17, item 3): measures the broad model's error per shot on the pairs it
// never saw, decides which ranges need a model of their own (scope_plan.h), trains those
// through the workflow's one training run (fine-tuned from the broad model on the range's
// pairs only), keeps each one only where it beats the broad model on the range's unseen
// pairs, and records the decision for the render stage, the catalog and the report.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>

#include "core/curate/dataset_file.h"
#include "core/io/frame_set.h"
#include "core/io/frame_source.h"
#include "core/match/mapping.h"
#include "core/pipeline/fingerprint.h"
#include "core/pipeline/recover_context.h"
#include "core/pipeline/scope_measure.h"
#include "core/pipeline/scope_plan.h"
#include "core/train/trainer.h"
#include "core/workflow/training_run.h"

namespace filmrecover::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? -1.0 : s / v.size();
}

std::string fixed2(double v) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(2);
  s << v;
  return s.str();
}

//! A narrower model starts from the broad one (it knows the film's colour already) and
//! learns its range's pairs in half the broad model's steps (at least 300, never more than
//! the broad model had).
TrainSettings scopedSettings(const json& broadRun) {
  TrainSettings s = broadRun.value("settings", json::object()).get<TrainSettings>();
  s.steps = std::max<long long>(std::min<long long>(300, s.steps), s.steps / 2);
  s.warmupSteps = std::min<long long>(s.warmupSteps, std::max<long long>(1, s.steps / 10));
  s.validateEvery = std::max<long long>(1, std::min(s.validateEvery, s.steps));
  s.checkpointEvery = std::min(s.checkpointEvery > 0 ? s.checkpointEvery : s.steps, s.steps);
  s.previewEvery = std::max<long long>(1, s.steps / 2);
  return s;
}

struct ScopedModel {
  std::string model;
  int64_t runId = 0;
  bool reused = false, resumed = false;
  double holdoutPsnr = -1;
};

// Trains (or reuses, or resumes) the model of one range: a stage of its own in the catalog
// ("scope:scene-2"), keyed on the broad model and the range's pairs.
ScopedModel trainScoped(RecoverContext& ctx, const ScopedRange& range, const curate::DatasetFile& dataset,
                        const json& broadRun) {
  ScopedModel m;
  m.model = ctx.work.modelsDir() + "/" + range.name + "/model.frm";
  TrainSettings settings = scopedSettings(broadRun);
  settings.threads = ctx.options.threads;
  json settingsJson = settings;
  settingsJson.erase("threads");
  const std::string stage = "scope:" + range.name;
  const std::string key = hashJson({{"train", ctx.keys["train"]}, {"broad", fileFingerprint(ctx.work.model())},
                                    {"train_frames", range.trainFrames}, {"holdout", range.holdoutFrames},
                                    {"settings", settingsJson}, {"version", 1}});
  if (ctx.upToDate(stage, key) && fs::exists(m.model)) {
    const json r = ctx.stageResult(stage);
    m.runId = r.value("runId", int64_t{0});
    m.holdoutPsnr = r.value("holdoutPsnr", -1.0);
    m.reused = true;
    return m;
  }
  const auto outputs = TrainingOutputs::forModel(m.model);
  m.resumed = ctx.interrupted(stage, key) && fs::exists(outputs.checkpoint);
  ctx.begin(stage, key);
  fs::create_directories(fs::path(m.model).parent_path());
  ctx.note("scope: training " + range.name + " (frames " + formatFrameSet(range.frames) + ") on " +
           std::to_string(range.trainFrames.size()) + " pairs, " + std::to_string(settings.steps) +
           " steps from the broad model" + (m.resumed ? " (resuming)" : ""));
  workflow::TrainingRequest request;
  request.settings = settings;
  request.sources = {ctx.options.source, ctx.work.alignedPattern(), ""};
  request.trainFrames = range.trainFrames;
  request.holdoutFrames = range.holdoutFrames;
  request.validArea = dataset.crop;
  request.modelPath = m.model;
  request.initialWeights = ctx.work.model();
  request.resume = m.resumed;
  request.alignment = ctx.options.alignModel + " (" + ctx.work.transforms() + ")";
  request.loadThreads = ctx.options.threads;
  workflow::TrainingListeners listeners;
  listeners.progress = [&ctx, &range](const ProgressEvent& e) {
    ctx.report("scope", e.done, e.total, range.name + ": " + e.message);
  };
  listeners.cancel = ctx.cancel;
  listeners.note = [&ctx](const std::string& n) { ctx.note(n); };
  const workflow::TrainingOutcome r = workflow::runTraining(request, ctx.catalog, listeners);
  m.runId = r.runId;
  m.holdoutPsnr = r.holdoutPsnr;
  ctx.finish(stage, key, {{"runId", r.runId}, {"model", m.model}, {"holdoutPsnr", r.holdoutPsnr}, {"steps", r.steps}});
  return m;
}

json shotJson(const ShotSpan& s, const ShotJudgement& j, int scene) {
  return {{"shot", s.index + 1},        {"first", s.first},         {"last", s.last},
          {"scene", scene + 1},         {"judgedFrames", j.frames}, {"errors", j.errors},
          {"error", j.error},           {"othersMedian", j.othersMedian},
          {"failing", j.failing},       {"verdict", j.verdict}};
}

}  // namespace

void runScopeStage(RecoverContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  const ScopeChoice scope = parseScopeChoice(ctx.options.scope);
  const ScopeRule rule;
  const std::string broadModel = ctx.work.model();
  json keyParts = {{"train", ctx.keys["train"]}, {"model", fileFingerprint(broadModel)},
                   {"scope", toString(scope)}, {"rule", rule}, {"version", 1}};
  if (!ctx.options.chromaGuide) keyParts["chromaGuide"] = false;  // measured as it will render
  const std::string key = hashJson(keyParts);
  ctx.keys["scope"] = key;
  StageOutcome out{"scope"};
  if (ctx.upToDate("scope", key)) {
    const json r = ctx.stageResult("scope");
    bool present = true;
    for (const auto& range : r.value("render", json::array())) present &= fs::exists(range.value("model", std::string()));
    if (present) {
      out.reused = true;
      out.summary = r.value("decision", std::string());
      ctx.result->stages.push_back(out);
      return;
    }
  }
  ctx.begin("scope", key);
  json result = {{"scope", toString(scope)}, {"rule", rule}, {"broadModel", broadModel},
                 {"render", json::array()}, {"ranges", json::array()}, {"shots", json::array()}};
  if (scope == ScopeChoice::Sequence) {
    result["decision"] = "--scope sequence: one model for the whole film";
    out.summary = result["decision"];
    ctx.finish("scope", key, result);
    out.seconds = secondsSince(t0);
    ctx.result->stages.push_back(out);
    return;
  }

  const auto dataset = curate::readDatasetFile(ctx.work.dataset());
  const auto mapping = match::readMapping(ctx.work.mapping());
  const auto aligned = FrameSource::open(ctx.work.alignedPattern());
  const json broadRun = ctx.stageResult("train");
  ScopeInputs in;
  in.frames = ctx.usableSourceFrames();
  in.shots = shotSpans(ctx.source->info().frames, mapping.sourceCuts);
  in.trainFrames = dataset.selection.train;
  in.holdoutFrames = dataset.selection.holdout;
  std::vector<int> paired, rejected;
  for (const auto& p : mapping.usablePairs())
    if (aligned->has(p.source)) paired.push_back(p.source);
  std::sort(paired.begin(), paired.end());
  for (const auto& r : dataset.selection.rejected) rejected.push_back(r.frame);
  // Pairs whose source or aligned frame an earlier stage could not read are not measured.
  std::vector<int> defective = ctx.defectiveSourceFrames();
  for (const auto& d : ctx.result->skipped)
    if (d.role == "aligned") defective.push_back(d.defect.frame);
  std::sort(defective.begin(), defective.end());
  paired.erase(std::remove_if(paired.begin(), paired.end(),
                              [&](int f) { return std::binary_search(defective.begin(), defective.end(), f); }),
               paired.end());

  // The broad model on each shot's unseen pairs.
  ErrorMeasure measure;
  measure.mode = ctx.options.mode;
  measure.chromaGuide = ctx.options.chromaGuide;
  for (int f : paired)
    if (!std::binary_search(in.trainFrames.begin(), in.trainFrames.end(), f) &&
        !std::binary_search(in.holdoutFrames.begin(), in.holdoutFrames.end(), f) &&
        std::find(rejected.begin(), rejected.end(), f) == rejected.end())
      in.unusedFrames.push_back(f);
  const auto unseen = unseenPairsPerShot(in.shots, paired, in.trainFrames, in.holdoutFrames, rejected,
                                         rule.maxJudgedPerShot);
  std::vector<int> judged;
  for (const auto& u : unseen) judged.insert(judged.end(), u.begin(), u.end());
  ctx.report("scope", 0, 1, "measuring the film's model on " + std::to_string(judged.size()) + " unseen pairs");
  const std::vector<FrameError> errors =
      modelErrors(broadModel, *ctx.source, *aligned, judged, dataset.crop, measure, ctx.options.threads, ctx.cancel);
  ctx.report("scope", 1, 1, "measured");
  in.judgements.resize(in.shots.size());
  // Scenes: consecutive shots on which the model errs alike (its mean colour error; for a
  // spatial recovery its mean luma error; combined both).
  std::vector<ShotBias> bias(in.shots.size());
  std::vector<bool> measured(in.shots.size(), false);
  for (size_t s = 0, k = 0; s < in.shots.size(); ++s) {
    in.judgements[s].shot = static_cast<int>(s);
    for (size_t i = 0; i < unseen[s].size(); ++i, ++k) {
      if (!errors[k].measured) continue;
      in.judgements[s].frames.push_back(unseen[s][i]);
      in.judgements[s].errors.push_back(errors[k].error);
      bias[s].a += errors[k].biasA;
      bias[s].b += errors[k].biasB;
      bias[s].luma += errors[k].biasLuma;
    }
    const size_t n = in.judgements[s].frames.size();
    measured[s] = n > 0;
    if (n) bias[s].a /= n, bias[s].b /= n, bias[s].luma /= n;
  }
  judgeShots(in.judgements, rule, measure.unit());
  in.scenes = groupScenes(static_cast<int>(in.shots.size()), measured, bias, rule, sceneMeasureFor(measure.mode));
  std::vector<int> sceneOf(in.shots.size(), 0);
  json scenes = json::array();
  for (const auto& sc : in.scenes) {
    for (int i = sc.firstShot; i <= sc.lastShot; ++i) sceneOf[i] = sc.index;
    scenes.push_back({{"scene", sc.index + 1}, {"firstShot", sc.firstShot + 1}, {"lastShot", sc.lastShot + 1},
                      {"first", in.shots[sc.firstShot].first}, {"last", in.shots[sc.lastShot].last}, {"why", sc.why}});
  }
  for (const auto& s : in.shots) {
    json shot = shotJson(s, in.judgements[s.index], sceneOf[s.index]);
    if (measured[s.index]) shot["colourBias"] = {bias[s.index].a, bias[s.index].b};
    if (measured[s.index]) shot["lumaBias"] = bias[s.index].luma;
    result["shots"].push_back(shot);
  }
  result["scenes"] = scenes;
  result["measure"] = measure.unit();
  result["measureBlock"] = measure.blockFor();
  const SceneMeasure sceneMeasure = sceneMeasureFor(ctx.options.mode);
  result["sceneMeasure"] = sceneMeasure == SceneMeasure::Luma ? "luma" : sceneMeasure == SceneMeasure::Both ? "both" : "colour";

  // The ranges, their models, and whether each beats the broad model where it was judged.
  const auto ranges = planScopedRanges(scope, in, rule);
  int kept = 0;
  for (const auto& range : ranges) {
    json r = {{"name", range.name},         {"kind", range.kind},
              {"frames", formatFrameSet(range.frames)}, {"trainFrames", range.trainFrames},
              {"holdoutFrames", range.holdoutFrames},   {"judgedFrames", range.judgedFrames},
              {"borrowedFrames", range.borrowedFrames},
              {"reason", range.reason},     {"trained", false}, {"kept", false}};
    std::vector<int> shots1;
    for (int s : range.shots) shots1.push_back(s + 1);
    r["shots"] = shots1;
    if (range.trainable && !range.frames.empty()) {
      const ScopedModel m = trainScoped(ctx, range, dataset, broadRun);
      r["trained"] = true;
      r["model"] = m.model;
      r["runId"] = m.runId;
      r["reused"] = m.reused;
      r["resumed"] = m.resumed;  // from its checkpoint, after an interrupted run
      r["holdoutPsnr"] = m.holdoutPsnr;
      std::vector<double> broadErrors, scopedErrors;
      for (int f : range.judgedFrames)
        for (const auto& j : in.judgements)
          for (size_t i = 0; i < j.frames.size(); ++i)
            if (j.frames[i] == f) broadErrors.push_back(j.errors[i]);
      for (const auto& e : modelErrors(m.model, *ctx.source, *aligned, range.judgedFrames, dataset.crop, measure,
                                       ctx.options.threads, ctx.cancel))
        if (e.measured) scopedErrors.push_back(e.error);
      const double b = mean(broadErrors), n = mean(scopedErrors);
      r["broadError"] = b;
      r["scopedError"] = n;
      // Kept only where it beats the broad model on the pairs neither saw; a range with no
      // such pair (asked for by --scope scene or shot) is kept unverified.
      const bool better = range.judgedFrames.empty() || n < b;
      r["kept"] = better;
      r["verdict"] = range.judgedFrames.empty()
                         ? std::string("kept (no unseen pair to verify it on)")
                         : (better ? "kept: " : "not kept: ") + fixed2(n) + " " + measure.unit() + " against the broad model's " +
                               fixed2(b) + " on its unseen pairs";
      if (better) {
        ++kept;
        result["render"].push_back({{"name", range.name}, {"model", m.model}, {"frames", formatFrameSet(range.frames)}});
      }
    } else {
      r["verdict"] = range.frames.empty() ? "no frame to render" : "the broad model renders it";
    }
    result["ranges"].push_back(r);
  }
  std::ostringstream decision;
  int failing = 0, unjudged = 0;
  for (const auto& j : in.judgements) failing += j.failing, unjudged += !j.judged();
  decision << "--scope " << toString(scope) << ": " << in.shots.size() << " shots in " << in.scenes.size()
           << " scene(s), " << failing << " failing the broad model";
  if (unjudged) decision << ", " << unjudged << " not judged (no unseen pair)";
  if (ranges.empty())
    decision << "; one model for the whole film";
  else
    decision << "; " << kept << " of " << ranges.size() << " narrower model(s) kept";
  result["decision"] = decision.str();
  out.summary = decision.str();
  ctx.note("scope: " + decision.str());
  ctx.finish("scope", key, result);
  out.seconds = secondsSince(t0);
  ctx.result->stages.push_back(out);
}

}  // namespace filmrecover::pipeline
