#include "ui/jobs/training_runner.h"

#include <QMetaObject>
#include <QThread>
#include <chrono>

#include "core/project/project_catalog.h"
#include "core/train/preview_file.h"
#include "core/train/trainer.h"
#include "ui/jobs/worker_job.h"
#include "ui/panels/curate/thumbnail_cache.h"

namespace filmrecover::ui {

namespace {

QImage toDisplay(const Image& image) {
  return image.empty() ? QImage() : ThumbnailCache::toQImage(image, image.width);
}

nlohmann::json resultJson(const TrainResult& r) {
  return {{"steps", r.steps},
          {"startStep", r.startStep},
          {"stopped", r.stopped},
          {"trainLoss", r.trainLoss},
          {"holdoutLoss", r.holdoutLoss},
          {"holdoutPsnr", r.holdoutPsnr},
          {"identityPsnr", r.identityPsnr},
          {"untrainedPsnr", r.untrainedPsnr},
          {"bestStep", r.bestStep},
          {"bestHoldoutLoss", r.bestHoldoutLoss},
          {"overfitting", r.overfitting},
          {"plateau", r.plateau},
          {"notes", r.notes},
          {"stepsPerSecond", r.stepsPerSecond},
          {"model", r.outputs.model},
          {"best", r.outputs.best},
          {"metrics", r.outputs.metrics}};
}

}  // namespace

TrainingRunner::TrainingRunner(QObject* parent) : QObject(parent) {
  qRegisterMetaType<filmrecover::ui::MetricPoint>();
  qRegisterMetaType<QVector<filmrecover::ui::MetricPoint>>();
  job_ = new WorkerJob(QStringLiteral("train"), this);
}

TrainingRunner::~TrainingRunner() {
  if (control_) control_->cancel();
  job_->waitForThread();
}

int TrainingRunner::trainingThreads() { return std::max(1, QThread::idealThreadCount() - 1); }

bool TrainingRunner::isRunning() const { return job_->isRunning(); }
bool TrainingRunner::isPaused() const { return control_ && control_->paused(); }

void TrainingRunner::pause() {
  if (!control_ || !isRunning()) return;
  control_->pause();
  Q_EMIT pausedChanged(true);
}

void TrainingRunner::resume() {
  if (!control_) return;
  control_->resume();
  Q_EMIT pausedChanged(false);
}

void TrainingRunner::stop() {
  if (control_) control_->requestStop();
}

void TrainingRunner::cancel() { job_->cancel(); }

bool TrainingRunner::start(const TrainRequest& request) {
  if (job_->isRunning()) return false;
  control_ = std::make_shared<TrainControl>();
  runId_ = request.runId;
  auto control = control_;
  const qint64 runId = request.runId;
  return job_->start([this, request, control, runId](const JobContext& ctx) -> WorkerJob::Deliver {
    control->token = ctx.cancel;  // one flag: WorkerJob::cancel() stops the engine
    PairSettings pairSettings;
    pairSettings.mode = request.settings.mode;
    pairSettings.medianPrefilter = request.settings.medianPrefilter;
    pairSettings.clampHighlights = request.settings.clampHighlights;
    pairSettings.validArea = request.validArea;
    const int threads = request.settings.threads > 0 ? request.settings.threads : trainingThreads();

    TrainJob job;
    job.settings = request.settings;
    job.settings.threads = threads;
    job.trainPairs = loadTrainingPairs(request.sources, request.trainFrames, pairSettings, threads, ctx.progress, ctx.cancel);
    job.holdoutPairs = loadTrainingPairs(request.sources, request.holdoutFrames, pairSettings, threads, ctx.progress, ctx.cancel);
    job.sources = request.sources;
    job.validArea = request.validArea;
    job.modelPath = request.modelPath;
    job.resume = request.resume;
    job.previewFiles = writePreviewPng;
    job.control = control;
    job.progress = ctx.progress;

    // Metrics go to the catalog from this thread (its own connection), in batches.
    std::unique_ptr<project::ProjectCatalog> catalog;
    if (!request.projectDir.empty() && runId > 0) catalog = std::make_unique<project::ProjectCatalog>(request.projectDir);
    std::vector<std::tuple<int, std::string, double>> unsaved;
    auto lastSave = std::chrono::steady_clock::now();
    auto save = [&](bool force) {
      if (!catalog || unsaved.empty()) return;
      if (!force && std::chrono::steady_clock::now() - lastSave < std::chrono::seconds(1)) return;
      catalog->addRunMetrics(runId, unsaved);
      unsaved.clear();
      lastSave = std::chrono::steady_clock::now();
    };
    job.onMetric = [&](const MetricEvent& e) {
      unsaved.emplace_back(int(e.step), e.name, e.value);
      save(false);
      bool post = false;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        pendingMetrics_.push_back({e.step, QString::fromStdString(e.name), e.value});
        post = !metricsPosted_;
        metricsPosted_ = true;
      }
      if (post) QMetaObject::invokeMethod(this, [this]() { flushMetrics(); }, Qt::QueuedConnection);
    };
    job.onPreview = [&](const PreviewEvent& e) {
      auto p = std::make_unique<Preview>();
      p->step = e.step;
      p->input = toDisplay(e.input);
      p->target = toDisplay(e.target);
      p->output = toDisplay(e.output);
      bool post = false;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        pendingPreview_ = std::move(p);
        post = !previewPosted_;
        previewPosted_ = true;
      }
      if (post) QMetaObject::invokeMethod(this, [this]() { flushPreview(); }, Qt::QueuedConnection);
    };
    job.onNote = [this, runId](const std::string& text) {
      const QString t = QString::fromStdString(text);
      QMetaObject::invokeMethod(this, [this, runId, t]() { Q_EMIT note(runId, t); }, Qt::QueuedConnection);
    };
    TrainResult result;
    try {
      result = trainModel(job);
    } catch (...) {
      save(true);  // what was measured before the failure stays in the catalog
      throw;
    }
    save(true);
    const QString json = QString::fromStdString(resultJson(result).dump());
    const QString model = QString::fromStdString(request.modelPath);
    return [this, runId, model, json]() {
      flushMetrics();
      Q_EMIT completed(runId, model, json);
    };
  });
}

void TrainingRunner::flushMetrics() {
  QVector<MetricPoint> points;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    points.swap(pendingMetrics_);
    metricsPosted_ = false;
  }
  if (!points.isEmpty()) Q_EMIT metrics(runId_, points);
}

void TrainingRunner::flushPreview() {
  std::unique_ptr<Preview> p;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    p.swap(pendingPreview_);
    previewPosted_ = false;
  }
  if (p) Q_EMIT preview(runId_, p->step, p->input, p->target, p->output);
}

}  // namespace filmrecover::ui
