#include "core/workflow/training_run.h"

#include <chrono>
#include <sstream>
#include <thread>
#include <tuple>

#include "core/exec/errors.h"
#include "core/grade/match_grade_job.h"
#include "core/io/frame_set.h"
#include "core/project/project_catalog.h"
#include "core/train/preview_file.h"
#include "core/train/trainer.h"

namespace filmrecover::workflow {
using nlohmann::json;

json trainingSummaryJson(const TrainResult& r, const TrainSettings& settings) {
  return {{"steps", r.steps},
          {"startStep", r.startStep},
          {"stopped", r.stopped},
          {"trainLoss", r.trainLoss},
          {"holdoutLoss", r.holdoutLoss},
          {"holdoutPsnr", r.holdoutPsnr},
          {"identityPsnr", r.identityPsnr},
          {"untrainedPsnr", r.untrainedPsnr},
          {"gradePsnr", r.gradePsnr},
          {"bestStep", r.bestStep},
          {"bestHoldoutLoss", r.bestHoldoutLoss},
          {"overfitting", r.overfitting},
          {"plateau", r.plateau},
          {"notes", r.notes},
          {"stepsPerSecond", r.stepsPerSecond},
          {"model", r.outputs.model},
          {"checkpoint", r.outputs.checkpoint},
          {"best", r.outputs.best},
          {"metricsLog", r.outputs.metrics},
          {"previews", r.outputs.previews},
          {"settings", settings}};
}

namespace {

std::string rectText(const Rect& r) {
  if (r.empty()) return "whole frame";
  return std::to_string(r.x0) + "," + std::to_string(r.y0) + "-" + std::to_string(r.x1) + "," + std::to_string(r.y1);
}

//! Metric samples go to the catalog in batches (one transaction a second), so a run that
//! fails or is killed keeps the curve it had.
class MetricBatcher {
 public:
  MetricBatcher(project::ProjectCatalog* catalog, int64_t runId) : catalog_(catalog), runId_(runId) {}
  void add(const MetricEvent& e) {
    if (!catalog_) return;
    unsaved_.emplace_back(static_cast<int>(e.step), e.name, e.value);
    if (std::chrono::steady_clock::now() - lastSave_ >= std::chrono::seconds(1)) flush();
  }
  void flush() {
    if (!catalog_ || unsaved_.empty()) return;
    catalog_->addRunMetrics(runId_, unsaved_);
    unsaved_.clear();
    lastSave_ = std::chrono::steady_clock::now();
  }

 private:
  project::ProjectCatalog* catalog_;
  int64_t runId_;
  std::vector<std::tuple<int, std::string, double>> unsaved_;
  std::chrono::steady_clock::time_point lastSave_ = std::chrono::steady_clock::now();
};

project::ExperimentEntry experimentOf(const TrainingRequest& q, int64_t runId, const TrainResult& r) {
  project::ExperimentEntry e;
  e.at = project::ProjectCatalog::now();
  e.title = "Training run " + std::to_string(runId) + ": " + toString(q.settings.mode) + ", " +
            std::to_string(r.steps) + " steps";
  e.frames = "train " + formatFrameSet(q.trainFrames) +
             (q.holdoutFrames.empty() ? std::string() : " | holdout " + formatFrameSet(q.holdoutFrames));
  e.crop = rectText(q.validArea);
  e.alignment = q.alignment;
  e.colorChain = "display-referred R'G'B' [0,1], Rec.709 Y'CbCr split, reference median " +
                 std::to_string(q.settings.medianPrefilter);
  e.settings = q.settings;
  e.outputs = q.modelPath;
  std::ostringstream obs;
  if (r.holdoutPsnr > 0)
    obs << "hold-out PSNR " << r.holdoutPsnr << " dB (identity " << r.identityPsnr << ", untrained "
        << r.untrainedPsnr << (r.gradePsnr > 0 ? ": the grade it refines" : "") << ") after " << r.steps
        << " steps at " << r.stepsPerSecond << " steps/s";
  else
    obs << r.steps << " steps at " << r.stepsPerSecond << " steps/s, no hold-out pairs";
  if (r.stopped) obs << "\nstopped early by the operator";
  for (const auto& n : r.notes) obs << "\n" << n;
  e.observations = obs.str();
  return e;
}

// Grade, then refine: the match-grade LUT of the training pairs (as recover's baseline and
// `grade` fit it), which the network starts from and corrects.
void fitGradeFirst(const TrainingRequest& q, int threads, const TrainingListeners& l, TrainJob& job) {
  grade::LutFitOptions options;
  options.crop = q.validArea;
  options.threads = threads;
  const grade::MatchGradeFit fit = grade::fitMatchGrade(q.sources.source, q.sources.target, q.trainFrames, options,
                                                        l.progress, l.cancel);
  job.grade.size = fit.lut.size;
  job.grade.shaperStrength = fit.lut.shaperStrength;
  job.grade.table = fit.lut.table;
  job.gradeFit = {{"reference", q.sources.target},
                  {"frames", formatFrameSet(fit.frames)},
                  {"crop", rectText(q.validArea)},
                  {"smoothness", options.smoothness},
                  {"samples", fit.report.samples},
                  {"rmsError", fit.report.rmsError},
                  {"seconds", fit.report.seconds}};
  std::ostringstream n;
  n << "grade, then refine: the match-grade " << fit.lut.size << "^3 LUT fitted on " << fit.frames.size()
    << " training pairs (RMS " << fit.report.rmsError << ", " << fit.report.seconds
    << " s); the network sees the graded colour and adds its correction to the "
    << (q.settings.gradeBase == "graded" ? "graded colour" : "source's colour");
  for (const auto& f : fit.failures) n << "; left out of the grade: " << f;
  if (l.note) l.note(n.str());
}

}  // namespace

TrainingOutcome runTraining(const TrainingRequest& q, project::ProjectCatalog* catalog, const TrainingListeners& l) {
  if (q.trainFrames.empty()) throw InputError("no training frames were given.");
  for (int h : q.holdoutFrames)
    for (int t : q.trainFrames)
      if (h == t) throw InputError("frame " + std::to_string(h) + " is both a training and a hold-out frame.");
  TrainSettings settings = q.settings;
  if (!q.initialWeights.empty()) settings.initialWeights = q.initialWeights;
  validateTrainSettings(settings);

  PairSettings pairs{settings.mode, settings.medianPrefilter, settings.clampHighlights, q.validArea};
  const int loadThreads = q.loadThreads > 0 ? q.loadThreads : settings.threads;
  TrainJob job;
  job.settings = settings;
  job.sources = q.sources;
  job.validArea = q.validArea;
  job.modelPath = q.modelPath;
  job.resume = q.resume;
  job.previewFiles = writePreviewPng;
  job.trainPairs = loadTrainingPairs(q.sources, q.trainFrames, pairs, loadThreads, l.progress, l.cancel);
  if (!q.holdoutFrames.empty())
    job.holdoutPairs = loadTrainingPairs(q.sources, q.holdoutFrames, pairs, loadThreads, {}, l.cancel);
  // A resumed run takes the grade its checkpoint holds; a fresh one fits it on its pairs.
  if (gradesFirst(settings) && !q.resume) fitGradeFirst(q, loadThreads, l, job);
  job.progress = l.progress;
  job.onNote = l.note;
  job.onPreview = l.preview;
  job.control = l.control ? l.control : std::make_shared<TrainControl>();
  job.control->token = l.cancel;

  int64_t runId = 0;
  if (catalog) {
    project::TrainingRunRecord run;
    run.mode = toString(settings.mode);
    run.settings = settings;
    run.settings["train"] = q.trainFrames;
    run.settings["holdout"] = q.holdoutFrames;
    run.settings["resume"] = q.resume;
    run.modelPath = q.modelPath;
    run.status = "running";
    runId = catalog->beginTrainingRun(run);
  }
  if (l.runStarted) l.runStarted(runId);
  MetricBatcher batcher(catalog, runId);
  job.onMetric = [&](const MetricEvent& e) {
    batcher.add(e);
    if (l.metric) l.metric(e);
  };

  TrainResult r;
  try {
    r = trainModel(job);
  } catch (const CancelledError&) {
    batcher.flush();
    if (catalog) catalog->finishTrainingRun(runId, "cancelled", json::object());
    throw;
  } catch (...) {
    batcher.flush();
    if (catalog) catalog->finishTrainingRun(runId, "failed", json::object());
    throw;
  }
  batcher.flush();
  TrainingOutcome out;
  out.runId = runId;
  out.summary = trainingSummaryJson(r, settings);
  out.summary["resumedFrom"] = q.resume ? r.startStep : 0;
  out.modelPath = r.outputs.model;
  out.resumed = q.resume;
  out.steps = r.steps;
  out.startStep = r.startStep;
  out.holdoutPsnr = r.holdoutPsnr;
  out.identityPsnr = r.identityPsnr;
  if (catalog) {
    catalog->finishTrainingRun(runId, "done", out.summary);
    catalog->addExperiment(experimentOf(q, runId, r));
  }
  return out;
}

}  // namespace filmrecover::workflow
