#pragma once
// A training run of the workflow layer (core/workflow runTraining: the same call recover and
// `train --project` make) on a worker thread: it loads the pairs, trains and records the run
// in the project's catalog; this re-emits metrics, previews and notes on the GUI thread. Pause / resume / stop
// go through the engine's TrainControl, cancel through its token: never a queued signal.
#include <QImage>
#include <QObject>
#include <QVector>
#include <memory>
#include <mutex>
#include <vector>

#include <atomic>

#include "core/train/train_control.h"
#include "core/workflow/training_run.h"

namespace filmrecover::ui {

class WorkerJob;

//! What to train (the workflow's request) and the project that records the run.
struct TrainRequest {
  workflow::TrainingRequest training;
  std::string projectDir;       //!< the run is recorded in this project's catalog ("" = not)
  //! The pairs are the project's curation: written as its dataset.json (the file `train
  //! --project` reads) on the worker, and the training and hold-out frames and crop taken
  //! from it, replacing those of `training`.
  bool pairsFromCuration = false;
};

//! One metric sample as the GUI receives it.
struct MetricPoint {
  qint64 step = 0;
  QString name;
  double value = 0;
};

//! Runs TrainRequests one at a time.
class TrainingRunner : public QObject {
  Q_OBJECT
 public:
  explicit TrainingRunner(QObject* parent = nullptr);
  ~TrainingRunner() override;

  //! Starts a run; false when one is running.
  bool start(const TrainRequest& request);
  void pause();
  void resume();
  //! Ends the run at the next step with a checkpoint and the model (a normal end).
  void stop();
  //! Ends at once; the last checkpoint stays.
  void cancel();
  bool isRunning() const;
  bool isPaused() const;
  //! The underlying job (progress, started/finished/failed/cancelled signals).
  WorkerJob* job() const { return job_; }
  //! Threads LibTorch gets: every core but one, so the GUI thread always has a core.
  static int trainingThreads();

 Q_SIGNALS:
  //! New metric samples, in step order (delivered in batches, none dropped).
  void metrics(qint64 runId, const QVector<filmrecover::ui::MetricPoint>& points);
  //! The newest preview crops (older ones not yet shown are dropped).
  void preview(qint64 runId, qint64 step, const QImage& input, const QImage& target, const QImage& output);
  //! A note of the engine (over-fitting, plateau, resumed from step N).
  void note(qint64 runId, const QString& text);
  //! The run's catalog row exists (its id; 0 without a project): curves of it follow.
  void runStarted(qint64 runId);
  //! The run ended normally (also after stop()); `result` is the workflow's summary as JSON.
  void completed(qint64 runId, const QString& modelPath, const QString& resultJson);
  //! Pause state changed.
  void pausedChanged(bool paused);

 private:
  void flushMetrics();
  void flushPreview();

  WorkerJob* job_;
  std::shared_ptr<TrainControl> control_;
  std::atomic<qint64> runId_{0};
  std::mutex mutex_;
  QVector<MetricPoint> pendingMetrics_;
  bool metricsPosted_ = false;
  struct Preview {
    qint64 step = 0;
    QImage input, target, output;
  };
  std::unique_ptr<Preview> pendingPreview_;
  bool previewPosted_ = false;
};

}  // namespace filmrecover::ui

Q_DECLARE_METATYPE(filmrecover::ui::MetricPoint)
