#include "ui/jobs/training_runner.h"

#include <QMetaObject>
#include <QThread>
#include <chrono>

#include "core/curate/dataset_file.h"
#include "core/exec/errors.h"
#include "core/project/project_catalog.h"
#include "core/workflow/stage_records.h"
#include "ui/jobs/worker_job.h"
#include "ui/panels/curate/thumbnail_cache.h"

namespace filmrecover::ui {

namespace {

QImage toDisplay(const Image& image) {
  return image.empty() ? QImage() : ThumbnailCache::toQImage(image, image.width);
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
  runId_ = 0;
  auto control = control_;
  return job_->start([this, request, control](const JobContext& ctx) -> WorkerJob::Deliver {
    workflow::TrainingRequest training = request.training;
    if (training.settings.threads <= 0) training.settings.threads = trainingThreads();
    // The run is recorded from this thread, through its own catalog connection.
    std::unique_ptr<project::ProjectCatalog> catalog;
    if (!request.projectDir.empty()) catalog = std::make_unique<project::ProjectCatalog>(request.projectDir);
    if (request.pairsFromCuration) {
      if (!catalog) throw InputError("training from the curation needs a project");
      const curate::DatasetFile dataset = workflow::writeCuratedDataset(*catalog);
      training.trainFrames = dataset.selection.train;
      training.holdoutFrames = dataset.selection.holdout;
      training.validArea = dataset.crop;
    }

    workflow::TrainingListeners listeners;
    listeners.progress = ctx.progress;
    listeners.cancel = ctx.cancel;  // one flag: WorkerJob::cancel() stops the engine
    listeners.control = control;
    listeners.runStarted = [this](int64_t runId) {
      runId_ = runId;
      QMetaObject::invokeMethod(this, [this, runId]() { Q_EMIT runStarted(runId); }, Qt::QueuedConnection);
    };
    listeners.metric = [this](const MetricEvent& e) {
      bool post = false;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        pendingMetrics_.push_back({e.step, QString::fromStdString(e.name), e.value});
        post = !metricsPosted_;
        metricsPosted_ = true;
      }
      if (post) QMetaObject::invokeMethod(this, [this]() { flushMetrics(); }, Qt::QueuedConnection);
    };
    listeners.preview = [this](const PreviewEvent& e) {
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
    listeners.note = [this](const std::string& text) {
      const QString t = QString::fromStdString(text);
      const qint64 runId = runId_;
      QMetaObject::invokeMethod(this, [this, runId, t]() { Q_EMIT note(runId, t); }, Qt::QueuedConnection);
    };
    const workflow::TrainingOutcome outcome = workflow::runTraining(training, catalog.get(), listeners);
    const QString json = QString::fromStdString(outcome.summary.dump());
    const QString model = QString::fromStdString(outcome.modelPath);
    const qint64 runId = outcome.runId;
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
