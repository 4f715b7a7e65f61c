#pragma once
// The training panel: settings, Start / Pause / Resume / Stop, the live loss plot (train
// and hold-out, log scale, smoothing, runs overlaid, PNG/CSV export), the preview crops
// updating as training runs, and the runs table from the catalog. Training runs on a worker
// with every core but one, so the interface stays responsive.
#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QSlider;
class QTableWidget;

namespace filmrecover::ui {

class JobBar;
class LossPlot;
class PreviewCrops;
class ProjectContext;
class TrainSettingsForm;
class TrainingRunner;
struct MetricPoint;

//! The training panel.
class TrainingPanel : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingPanel(ProjectContext* project, QWidget* parent = nullptr);
  ~TrainingPanel() override;

  //! Starts a run with the form's settings on the curated pairs; false (and an error report)
  //! when something is missing.
  bool startTraining();
  void pauseTraining();
  void resumeTraining();
  void stopTraining();

  TrainSettingsForm* form() const { return form_; }
  LossPlot* lossPlot() const { return plot_; }
  PreviewCrops* previews() const { return previews_; }
  TrainingRunner* runner() const { return runner_; }
  QTableWidget* runsTable() const { return runs_; }
  QPushButton* startButton() const { return start_; }
  QPushButton* pauseButton() const { return pause_; }
  QPushButton* stopButton() const { return stop_; }
  //! The catalog id of the running (or last) run.
  qint64 currentRun() const { return currentRun_; }
  //! Metric samples received live since the panel was made.
  int liveSamples() const { return liveSamples_; }

 private:
  void onMetrics(qint64 runId, const QVector<MetricPoint>& points);
  void onRunStarted(qint64 runId);
  void onFinished(const QString& status);
  void reloadRuns();
  void updateButtons();
  void setOverlay(qint64 runId, bool shown);

  ProjectContext* project_;
  TrainSettingsForm* form_;
  LossPlot* plot_;
  PreviewCrops* previews_;
  QTableWidget* runs_;
  QPushButton *start_, *pause_, *stop_;
  QCheckBox* logScale_;
  QSlider* smoothing_;
  QLabel* live_;
  JobBar* jobBar_;
  TrainingRunner* runner_;
  qint64 currentRun_ = 0;
  int liveSamples_ = 0;
  QString startedAt_;
  double lastLoss_ = -1, lastHoldout_ = -1, lastRate_ = 0, lastLr_ = 0;
  qint64 lastStep_ = 0;
};

}  // namespace filmrecover::ui
