#include "ui/panels/train/training_panel.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <set>

#include "core/io/frame_set.h"
#include "ui/jobs/training_runner.h"
#include "ui/jobs/worker_job.h"
#include "ui/panels/common/job_bar.h"
#include "ui/panels/project_context.h"
#include "ui/panels/train/loss_plot.h"
#include "ui/panels/train/preview_crops.h"
#include "ui/panels/train/train_settings_form.h"

namespace filmrecover::ui {

namespace {

QString number(const nlohmann::json& j, const char* key, int precision, char format = 'g') {
  if (!j.is_object() || !j.contains(key) || !j[key].is_number()) return QStringLiteral("–");
  const double v = j[key].get<double>();
  return v < 0 ? QStringLiteral("–") : QString::number(v, format, precision);
}

}  // namespace

TrainingPanel::TrainingPanel(ProjectContext* project, QWidget* parent) : QWidget(parent), project_(project) {
  setObjectName(QStringLiteral("TrainingPanel"));
  runner_ = new TrainingRunner(this);
  form_ = new TrainSettingsForm(this);
  auto* formScroll = new QScrollArea(this);
  formScroll->setWidget(form_);
  formScroll->setWidgetResizable(true);
  formScroll->setFrameShape(QFrame::NoFrame);
  formScroll->setMinimumWidth(290);
  formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

  start_ = new QPushButton(QStringLiteral("Start"), this);
  start_->setToolTip(QStringLiteral("Train on the curated pairs"));
  pause_ = new QPushButton(QStringLiteral("Pause"), this);
  stop_ = new QPushButton(QStringLiteral("Stop"), this);
  stop_->setToolTip(QStringLiteral("End now with a checkpoint and the model"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(start_);
  buttons->addWidget(pause_);
  buttons->addWidget(stop_);
  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(formScroll, 1);
  leftLayout->addLayout(buttons);

  plot_ = new LossPlot(this);
  logScale_ = new QCheckBox(QStringLiteral("Log scale"), this);
  logScale_->setChecked(true);
  smoothing_ = new QSlider(Qt::Horizontal, this);
  smoothing_->setRange(0, 99);
  smoothing_->setValue(60);
  smoothing_->setMaximumWidth(140);
  smoothing_->setToolTip(QStringLiteral("Smoothing"));
  auto* exportPng = new QPushButton(QStringLiteral("PNG…"), this);
  auto* exportCsv = new QPushButton(QStringLiteral("CSV…"), this);
  live_ = new QLabel(this);
  live_->setTextFormat(Qt::RichText);
  auto* plotBar = new QHBoxLayout;
  plotBar->addWidget(live_, 1);
  plotBar->addWidget(logScale_);
  plotBar->addWidget(new QLabel(QStringLiteral("Smoothing"), this));
  plotBar->addWidget(smoothing_);
  plotBar->addWidget(exportPng);
  plotBar->addWidget(exportCsv);
  jobBar_ = new JobBar(this);
  jobBar_->follow(runner_->job());
  previews_ = new PreviewCrops(this);
  previews_->setMinimumHeight(80);

  runs_ = new QTableWidget(0, 9, this);
  runs_->setHorizontalHeaderLabels({QStringLiteral("Run"), QStringLiteral("Mode"), QStringLiteral("Status"),
                                    QStringLiteral("Steps"), QStringLiteral("Train loss"), QStringLiteral("Hold-out loss"),
                                    QStringLiteral("Hold-out PSNR"), QStringLiteral("Started"), QStringLiteral("Model")});
  runs_->horizontalHeader()->setStretchLastSection(true);
  runs_->verticalHeader()->hide();
  runs_->verticalHeader()->setDefaultSectionSize(20);
  runs_->setSelectionBehavior(QAbstractItemView::SelectRows);
  runs_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  runs_->setToolTip(QStringLiteral("Tick a run to overlay its curves"));

  auto* centre = new QWidget(this);
  auto* centreLayout = new QVBoxLayout(centre);
  centreLayout->setContentsMargins(0, 0, 0, 0);
  centreLayout->addLayout(plotBar);
  centreLayout->addWidget(plot_, 3);
  centreLayout->addWidget(jobBar_);
  centreLayout->addWidget(previews_, 2);
  auto* vsplit = new QSplitter(Qt::Vertical, this);
  vsplit->addWidget(centre);
  vsplit->addWidget(runs_);
  vsplit->setStretchFactor(0, 4);
  vsplit->setStretchFactor(1, 1);
  auto* hsplit = new QSplitter(Qt::Horizontal, this);
  hsplit->addWidget(left);
  hsplit->addWidget(vsplit);
  hsplit->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(hsplit);

  connect(start_, &QPushButton::clicked, this, &TrainingPanel::startTraining);
  connect(pause_, &QPushButton::clicked, this, [this]() {
    runner_->isPaused() ? resumeTraining() : pauseTraining();
  });
  connect(stop_, &QPushButton::clicked, this, &TrainingPanel::stopTraining);
  connect(logScale_, &QCheckBox::toggled, plot_, &LossPlot::setLogScale);
  connect(smoothing_, &QSlider::valueChanged, this, [this](int v) { plot_->setSmoothing(v / 100.0); });
  connect(exportPng, &QPushButton::clicked, this, [this]() {
    const QString f = QFileDialog::getSaveFileName(this, QStringLiteral("Export loss graph"), project_->dir() + QStringLiteral("/loss.png"),
                                                   QStringLiteral("PNG (*.png)"));
    if (!f.isEmpty() && !plot_->exportPng(f)) project_->reportError(QStringLiteral("Could not write %1.").arg(f));
  });
  connect(exportCsv, &QPushButton::clicked, this, [this]() {
    const QString f = QFileDialog::getSaveFileName(this, QStringLiteral("Export loss values"), project_->dir() + QStringLiteral("/loss.csv"),
                                                   QStringLiteral("CSV (*.csv)"));
    if (!f.isEmpty() && !plot_->exportCsv(f)) project_->reportError(QStringLiteral("Could not write %1.").arg(f));
  });
  connect(runner_, &TrainingRunner::metrics, this, &TrainingPanel::onMetrics);
  connect(runner_, &TrainingRunner::preview, this,
          [this](qint64, qint64 step, const QImage& in, const QImage& target, const QImage& out) {
            previews_->setImages(step, in, target, out);
          });
  connect(runner_, &TrainingRunner::note, this, [this](qint64, const QString& text) { project_->reportStatus(text); });
  connect(runner_, &TrainingRunner::runStarted, this, &TrainingPanel::onRunStarted);
  connect(runner_, &TrainingRunner::completed, this,
          [this](qint64, const QString&, const QString&) { onFinished(QStringLiteral("done")); });
  connect(runner_->job(), &WorkerJob::failed, this, [this](const QString& message) {
    project_->reportError(QStringLiteral("Training failed: %1").arg(message));
    onFinished(QStringLiteral("failed"));
  });
  connect(runner_->job(), &WorkerJob::cancelled, this, [this]() { onFinished(QStringLiteral("cancelled")); });
  connect(runner_->job(), &WorkerJob::finished, this, &TrainingPanel::updateButtons);
  connect(runner_, &TrainingRunner::pausedChanged, this, &TrainingPanel::updateButtons);
  connect(runs_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
    if (item->column() == 0) setOverlay(item->data(Qt::UserRole).toLongLong(), item->checkState() == Qt::Checked);
  });
  connect(project_, &ProjectContext::projectOpened, this, [this]() {
    plot_->clearRuns();
    reloadRuns();
  });
  connect(project_, &ProjectContext::runsChanged, this, &TrainingPanel::reloadRuns);
  updateButtons();
  if (project_->isOpen()) reloadRuns();
}

TrainingPanel::~TrainingPanel() { runner_->cancel(); }

bool TrainingPanel::startTraining() {
  if (runner_->isRunning()) return false;
  if (!project_->isOpen()) {
    project_->reportError(QStringLiteral("Open a project before training."));
    return false;
  }
  auto& catalog = project_->catalog();
  const auto source = catalog.sourceByRole("source");
  if (!source) {
    project_->reportError(QStringLiteral("Training needs the project's source element: add it in Sources."));
    return false;
  }
  if (!project_->element(ElementRole::Aligned)) {
    project_->reportError(QStringLiteral("Training needs aligned reference frames: run Align first."));
    return false;
  }
  TrainSettings settings;
  try {
    settings = form_->settings();
    validateTrainSettings(settings);
  } catch (const std::exception& e) {
    project_->reportError(QString::fromStdString(e.what()));
    return false;
  }
  QDir().mkpath(project_->modelsDir());
  const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
  const QString modelPath = project_->modelsDir() + QStringLiteral("/%1-%2.frm").arg(QString::fromStdString(toString(settings.mode)), stamp);

  TrainRequest request;
  request.training.settings = settings;
  request.training.sources.source = source->spec;
  request.training.sources.target = project_->alignedPattern().toStdString();
  // The operator's decisions as the dataset.json `train --project` reads (one file, whoever
  // trains), written on the worker: no catalog write on the GUI thread.
  request.pairsFromCuration = true;
  request.training.modelPath = modelPath.toStdString();
  request.training.alignment =
      project_->alignedPattern().toStdString() + " (" + std::to_string(catalog.transforms().size()) + " transforms)";
  request.projectDir = project_->dir().toStdString();
  currentRun_ = 0;  // the workflow records the run; its id arrives with runStarted
  liveSamples_ = 0;
  lastStep_ = 0;
  lastLoss_ = lastHoldout_ = -1;
  previews_->clear();
  runner_->start(request);
  updateButtons();
  return true;
}

void TrainingPanel::pauseTraining() { runner_->pause(); }
void TrainingPanel::resumeTraining() { runner_->resume(); }
void TrainingPanel::stopTraining() {
  runner_->stop();
  runner_->resume();  // a paused run must wake up to stop
}

void TrainingPanel::onMetrics(qint64 runId, const QVector<MetricPoint>& points) {
  for (const MetricPoint& p : points) {
    ++liveSamples_;
    if (p.name == QLatin1String("train_loss") || p.name == QLatin1String("holdout_loss"))
      plot_->addPoint(runId, p.name, int(p.step), p.value);
    if (p.name == QLatin1String("train_loss")) lastLoss_ = p.value;
    else if (p.name == QLatin1String("holdout_loss")) lastHoldout_ = p.value;
    else if (p.name == QLatin1String("steps_per_s")) lastRate_ = p.value;
    else if (p.name == QLatin1String("lr")) lastLr_ = p.value;
    lastStep_ = std::max(lastStep_, p.step);
  }
  live_->setText(QStringLiteral("step <b>%1</b> / %2 · loss <b>%3</b> · hold-out <b>%4</b> · lr %5 · %6 steps/s")
                     .arg(lastStep_)
                     .arg(form_->stepsBox()->value())
                     .arg(lastLoss_ < 0 ? QStringLiteral("–") : QString::number(lastLoss_, 'e', 2))
                     .arg(lastHoldout_ < 0 ? QStringLiteral("–") : QString::number(lastHoldout_, 'e', 2))
                     .arg(lastLr_, 0, 'e', 1)
                     .arg(lastRate_, 0, 'f', 1));
}

void TrainingPanel::onRunStarted(qint64 runId) {
  currentRun_ = runId;
  plot_->removeRun(runId);
  project_->notifyRunsChanged();
}

void TrainingPanel::onFinished(const QString& status) {
  // The workflow layer recorded the run's end, its metrics and its log entry in the catalog.
  if (!project_->isOpen() || currentRun_ <= 0) return;
  project_->notifyRunsChanged();
  project_->notifyExperimentsChanged();
  project_->reportStatus(QStringLiteral("training run %1 %2").arg(currentRun_).arg(status));
}

void TrainingPanel::reloadRuns() {
  if (!project_->isOpen()) return;
  std::set<qint64> shown;
  for (qint64 r : plot_->runs()) shown.insert(r);
  runs_->blockSignals(true);
  runs_->setRowCount(0);
  const auto runs = project_->catalog().trainingRuns();
  for (auto it = runs.rbegin(); it != runs.rend(); ++it) {  // newest first
    const auto& run = *it;
    const int r = runs_->rowCount();
    runs_->insertRow(r);
    auto* id = new QTableWidgetItem(QString::number(run.id));
    id->setData(Qt::UserRole, qint64(run.id));
    id->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    id->setCheckState(shown.count(run.id) ? Qt::Checked : Qt::Unchecked);
    runs_->setItem(r, 0, id);
    runs_->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(run.mode)));
    auto* status = new QTableWidgetItem(QString::fromStdString(run.status));
    status->setForeground(run.status == "done"       ? QColor(0x6c, 0xc0, 0x6c)
                          : run.status == "running" ? QColor(0x4a, 0x9e, 0xe8)
                          : run.status == "failed"  ? QColor(0xe0, 0x55, 0x55)
                                                    : QColor(0xe8, 0x9a, 0x3c));
    runs_->setItem(r, 2, status);
    runs_->setItem(r, 3, new QTableWidgetItem(number(run.metrics, "steps", 10)));
    runs_->setItem(r, 4, new QTableWidgetItem(number(run.metrics, "trainLoss", 3)));
    runs_->setItem(r, 5, new QTableWidgetItem(number(run.metrics, "holdoutLoss", 3)));
    runs_->setItem(r, 6, new QTableWidgetItem(number(run.metrics, "holdoutPsnr", 2, 'f')));
    runs_->setItem(r, 7, new QTableWidgetItem(QString::fromStdString(run.startedAt).replace(QLatin1Char('T'), QLatin1Char(' '))));
    runs_->setItem(r, 8, new QTableWidgetItem(QDir(project_->dir()).relativeFilePath(QString::fromStdString(run.modelPath))));
  }
  runs_->resizeColumnsToContents();
  runs_->blockSignals(false);
}

void TrainingPanel::setOverlay(qint64 runId, bool shown) {
  if (!shown) {
    plot_->removeRun(runId);
    return;
  }
  if (!project_->isOpen()) return;
  for (const char* name : {"train_loss", "holdout_loss"}) {
    const auto samples = project_->catalog().runMetric(runId, name);
    if (!samples.empty()) plot_->setSeries(runId, QString::fromLatin1(name), samples);
  }
}

void TrainingPanel::updateButtons() {
  const bool running = runner_->isRunning();
  start_->setEnabled(!running);
  pause_->setEnabled(running);
  pause_->setText(runner_->isPaused() ? QStringLiteral("Resume") : QStringLiteral("Pause"));
  stop_->setEnabled(running);
  form_->setEnabled(!running);
}

}  // namespace filmrecover::ui
