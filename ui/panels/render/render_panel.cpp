#include "ui/panels/render/render_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/exec/errors.h"
#include "core/io/frame_set.h"
#include "core/io/output_pattern.h"
#include "ui/jobs/render_call.h"
#include "ui/jobs/worker_job.h"
#include "ui/panels/project_context.h"

namespace filmrecover::ui {

namespace {

QString extensionOf(const QString& format) {
  if (format.startsWith(QLatin1String("exr"))) return QStringLiteral("exr");
  return format;
}

}  // namespace

RenderPanel::RenderPanel(ProjectContext* project, QWidget* parent) : QWidget(parent), project_(project) {
  setObjectName(QStringLiteral("RenderPanel"));
  job_ = new WorkerJob(QStringLiteral("render"), this);

  auto* form = new QGroupBox(QStringLiteral("New render"), this);
  model_ = new QComboBox(form);
  model_->setEditable(true);
  model_->setInsertPolicy(QComboBox::NoInsert);
  model_->setMinimumContentsLength(30);
  auto* browse = new QToolButton(form);
  browse->setText(QStringLiteral("…"));
  auto* modelRow = new QHBoxLayout;
  modelRow->addWidget(model_, 1);
  modelRow->addWidget(browse);
  frames_ = new QLineEdit(form);
  frames_->setPlaceholderText(QStringLiteral("every source frame (or 1001-1100, 1-100x2, 5,9,12-20)"));
  output_ = new QLineEdit(form);
  format_ = new QComboBox(form);
  format_->addItem(QStringLiteral("OpenEXR half (ZIP)"), QStringLiteral("exr-half"));
  format_->addItem(QStringLiteral("OpenEXR float"), QStringLiteral("exr-float"));
  format_->addItem(QStringLiteral("DPX 10-bit"), QStringLiteral("dpx"));
  format_->addItem(QStringLiteral("TIFF 16-bit"), QStringLiteral("tif"));
  format_->addItem(QStringLiteral("PNG 16-bit"), QStringLiteral("png"));
  stabilise_ = new QCheckBox(QStringLiteral("Steady colour along the motion"), form);
  stabilise_->setChecked(true);
  stabilise_->setToolTip(QStringLiteral(
      "Chroma and combined models: each frame's recovered colour is filtered with its neighbours' (up to 4 frames "
      "each side), warped by the source's motion, never across the project's cuts; the luma is left as rendered. "
      "What recover does (render --stabilise)."));
  chromaGuide_ = new QCheckBox(QStringLiteral("Colour follows the luma's edges"), form);
  chromaGuide_->setChecked(true);
  chromaGuide_->setToolTip(QStringLiteral(
      "Chroma and combined models: the recovered colour is averaged within regions of like luma and keeps its "
      "edges where the luma has them (a guided filter); the luma is never changed. What recover does "
      "(render --chroma-guide-radius 1)."));
  queueButton_ = new QPushButton(QStringLiteral("Add to queue"), form);
  queueButton_->setToolTip(QStringLiteral("Render after the ones queued before (starts now when idle)"));
  auto* formLayout = new QFormLayout(form);
  formLayout->addRow(QStringLiteral("Model"), modelRow);
  formLayout->addRow(QStringLiteral("Frames"), frames_);
  formLayout->addRow(QStringLiteral("Output"), output_);
  formLayout->addRow(QStringLiteral("Format"), format_);
  formLayout->addRow(QStringLiteral("Colour"), stabilise_);
  formLayout->addRow(QString(), chromaGuide_);
  formLayout->addRow(QString(), queueButton_);

  table_ = new QTableWidget(0, 6, this);
  table_->setHorizontalHeaderLabels({QStringLiteral("Model"), QStringLiteral("Frames"), QStringLiteral("Output"),
                                     QStringLiteral("Status"), QStringLiteral("Progress"), QStringLiteral("Time left")});
  table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
  table_->verticalHeader()->hide();
  table_->verticalHeader()->setDefaultSectionSize(22);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  cancelButton_ = new QPushButton(QStringLiteral("Cancel"), this);
  removeButton_ = new QPushButton(QStringLiteral("Remove"), this);
  viewButton_ = new QPushButton(QStringLiteral("Open in viewer"), this);
  viewButton_->setToolTip(QStringLiteral("Compare the result with the source in the viewer"));
  auto* queueButtons = new QHBoxLayout;
  queueButtons->addWidget(cancelButton_);
  queueButtons->addWidget(removeButton_);
  queueButtons->addStretch(1);
  queueButtons->addWidget(viewButton_);
  auto* queueBox = new QGroupBox(QStringLiteral("Queue"), this);
  auto* queueLayout = new QVBoxLayout(queueBox);
  queueLayout->addWidget(table_, 1);
  queueLayout->addLayout(queueButtons);

  auto* layout = new QHBoxLayout(this);
  layout->addWidget(form, 2);
  layout->addWidget(queueBox, 3);

  connect(browse, &QToolButton::clicked, this, [this]() {
    const QString f = QFileDialog::getOpenFileName(this, QStringLiteral("Model"), project_->modelsDir(),
                                                   QStringLiteral("filmrecover models (*.frm);;All files (*)"));
    if (!f.isEmpty()) model_->setEditText(f);
  });
  connect(model_, &QComboBox::currentTextChanged, this, &RenderPanel::suggestOutput);
  connect(format_, qOverload<int>(&QComboBox::currentIndexChanged), this, &RenderPanel::suggestOutput);
  connect(queueButton_, &QPushButton::clicked, this, &RenderPanel::enqueueFromForm);
  connect(cancelButton_, &QPushButton::clicked, this, &RenderPanel::cancelCurrent);
  connect(removeButton_, &QPushButton::clicked, this, [this]() {
    const int row = table_->currentRow();
    if (row < 0 || row == running_) return;
    queue_.erase(queue_.begin() + row);
    if (running_ > row) --running_;
    refreshTable();
  });
  connect(viewButton_, &QPushButton::clicked, this, [this]() { openInViewer(table_->currentRow()); });
  connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { openInViewer(row); });
  connect(job_, &WorkerJob::progressed, this, [this](const QString&, qint64 done, qint64 total, const QString& message) {
    if (running_ < 0) return;
    RenderItem& item = queue_[running_];
    item.done = done;
    item.total = total;
    item.message = message;
    eta_.update(done, total);
    item.eta = eta_.text();
    refreshTable();
  });
  connect(job_, &WorkerJob::failed, this, [this](const QString& message) {
    if (running_ >= 0) {
      queue_[running_].status = QStringLiteral("failed");
      queue_[running_].message = message;
    }
    project_->reportError(QStringLiteral("Render failed: %1").arg(message));
  });
  connect(job_, &WorkerJob::cancelled, this, [this]() {
    if (running_ >= 0) queue_[running_].status = QStringLiteral("cancelled");
  });
  connect(job_, &WorkerJob::finished, this, [this]() {
    if (running_ >= 0 && project_->isOpen()) {
      // The workflow layer recorded how the render ended (done, failed or cancelled).
      project_->notifyRendersChanged();
      project_->notifyExperimentsChanged();
    }
    running_ = -1;
    refreshTable();
    startNext();
  });
  connect(project_, &ProjectContext::projectOpened, this, &RenderPanel::refreshModels);
  connect(project_, &ProjectContext::runsChanged, this, &RenderPanel::refreshModels);
  refreshModels();
  refreshTable();
}

RenderPanel::~RenderPanel() { job_->cancel(); }

void RenderPanel::refreshModels() {
  const QString current = model_->currentText();
  model_->blockSignals(true);
  model_->clear();
  if (project_->isOpen()) {
    const auto runs = project_->catalog().trainingRuns();
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
      if (it->status != "done" || !QFileInfo::exists(QString::fromStdString(it->modelPath))) continue;
      model_->addItem(QStringLiteral("run %1 · %2 · %3").arg(it->id).arg(QString::fromStdString(it->mode),
                                                                       QFileInfo(QString::fromStdString(it->modelPath)).fileName()),
                      QVariantList{qint64(it->id), QString::fromStdString(it->modelPath)});
    }
  }
  const int keep = model_->findText(current);
  if (keep >= 0) model_->setCurrentIndex(keep);
  else if (!current.isEmpty() && model_->count() == 0) model_->setEditText(current);
  model_->blockSignals(false);
  suggestOutput();
}

void RenderPanel::suggestOutput() {
  if (!project_->isOpen()) return;
  const QVariantList data = model_->currentData().toList();
  const QString name = data.size() == 2 ? QStringLiteral("run%1").arg(data[0].toLongLong())
                                        : QFileInfo(model_->currentText()).completeBaseName();
  if (name.isEmpty()) return;
  const QString ext = extensionOf(format_->currentData().toString());
  int n = 1;
  QString pattern;
  do {  // a fresh folder per render so results never mix: none on disk, none a queued render's
    pattern = project_->rendersDir() + QStringLiteral("/%1-%2/restored.####.%3").arg(name).arg(n).arg(ext);
    ++n;
  } while ((QFileInfo::exists(QFileInfo(pattern).absolutePath()) || queuedRenderWritesTo(pattern)) && n < 1000);
  output_->setText(pattern);
}

bool RenderPanel::queuedRenderWritesTo(const QString& pattern) const {
  const QString folder = QFileInfo(pattern).absolutePath();
  for (const auto& item : queue_)
    if ((item.status == QLatin1String("queued") || item.status == QLatin1String("running")) &&
        QFileInfo(item.output).absolutePath() == folder)
      return true;
  return false;
}

bool RenderPanel::enqueueFromForm() {
  if (!project_->isOpen()) {
    project_->reportError(QStringLiteral("Open a project before rendering."));
    return false;
  }
  RenderItem item;
  const QVariantList data = model_->currentData().toList();
  if (data.size() == 2 && model_->currentText() == model_->itemText(model_->currentIndex())) {
    item.runId = data[0].toLongLong();
    item.model = data[1].toString();
  } else {
    item.model = model_->currentText().trimmed();
  }
  item.frames = frames_->text().trimmed();
  item.output = output_->text().trimmed();
  item.format = format_->currentData().toString();
  item.stabilise = stabilise_->isChecked();
  item.chromaGuide = chromaGuide_->isChecked();
  try {
    if (item.model.isEmpty() || !QFileInfo::exists(item.model))
      throw InputError("The model file '" + item.model.toStdString() + "' does not exist: train a model or browse to one.");
    if (!item.frames.isEmpty()) parseFrameSet(item.frames.toStdString());
    OutputPattern pattern(item.output.toStdString());  // throws naming the pattern
    (void)pattern;
    // A render resumes into its folder (frames there are kept): a second one queued there
    // would keep the first one's frames instead of making its own.
    if (queuedRenderWritesTo(item.output))
      throw InputError("'" + QFileInfo(item.output).absolutePath().toStdString() +
                       "' is already the folder of a queued render: choose another output.");
  } catch (const std::exception& e) {
    project_->reportError(QString::fromStdString(e.what()));
    return false;
  }
  enqueue(item);
  suggestOutput();
  return true;
}

void RenderPanel::enqueue(const RenderItem& item) {
  queue_.push_back(item);
  refreshTable();
  startNext();
}

void RenderPanel::startNext() {
  if (job_->isRunning() || !project_->isOpen()) return;
  for (size_t i = 0; i < queue_.size(); ++i) {
    if (queue_[i].status != QLatin1String("queued")) continue;
    const auto source = project_->catalog().sourceByRole("source");
    RenderItem& item = queue_[i];
    if (!source) {
      item.status = QStringLiteral("failed");
      item.message = QStringLiteral("the project has no source element");
      continue;
    }
    running_ = int(i);
    item.status = QStringLiteral("running");
    RenderRequest request;
    request.model = item.model.toStdString();
    request.source = source->spec;
    request.frames = item.frames.toStdString();
    request.output = item.output.toStdString();
    request.format = item.format.toStdString();
    request.stabilise = item.stabilise;
    request.chromaGuide = item.chromaGuide;
    request.threads = std::max(1, QThread::idealThreadCount() - 1);
    request.operatorName = project_->operatorName();
    request.projectDir = project_->dir().toStdString();
    request.runId = item.runId;
    eta_.start();
    job_->start([this, request](const JobContext& ctx) -> WorkerJob::Deliver {
      runRender(request, ctx);
      return [this, request]() {
        if (running_ >= 0) queue_[running_].status = QStringLiteral("done");
        project_->reportStatus(QStringLiteral("render done: %1").arg(QString::fromStdString(request.output)));
      };
    });
    refreshTable();
    return;
  }
  refreshTable();
}

void RenderPanel::cancelCurrent() {
  const int row = table_->currentRow();
  if (row >= 0 && row != running_ && queue_[row].status == QLatin1String("queued")) {
    queue_[row].status = QStringLiteral("cancelled");
    refreshTable();
    return;
  }
  job_->cancel();
}

void RenderPanel::openInViewer(int row) {
  if (row < 0 || row >= int(queue_.size())) return;
  const RenderItem& item = queue_[row];
  int first = 0;
  if (!item.frames.isEmpty()) {
    try {
      first = parseFrameSet(item.frames.toStdString()).front();
    } catch (const std::exception&) {
    }
  } else if (project_->isOpen()) {
    if (auto s = project_->catalog().sourceByRole("source")) first = s->first;
  }
  project_->requestResultView(item.output, first);
}

void RenderPanel::refreshTable() {
  table_->setRowCount(int(queue_.size()));
  for (int r = 0; r < int(queue_.size()); ++r) {
    const RenderItem& item = queue_[r];
    auto set = [this, r](int c, const QString& text) {
      auto* cell = table_->item(r, c);
      if (!cell) table_->setItem(r, c, cell = new QTableWidgetItem);
      cell->setText(text);
      return cell;
    };
    set(0, QFileInfo(item.model).fileName())->setToolTip(item.model);
    set(1, item.frames.isEmpty() ? QStringLiteral("all") : item.frames);
    set(2, QDir(project_->dir()).relativeFilePath(item.output))->setToolTip(item.output);
    QTableWidgetItem* status = set(3, item.status);
    status->setForeground(item.status == QLatin1String("done")      ? QColor(0x6c, 0xc0, 0x6c)
                          : item.status == QLatin1String("running") ? QColor(0x4a, 0x9e, 0xe8)
                          : item.status == QLatin1String("failed")  ? QColor(0xe0, 0x55, 0x55)
                          : item.status == QLatin1String("queued")  ? QColor(0xa0, 0xa4, 0xac)
                                                                    : QColor(0xe8, 0x9a, 0x3c));
    status->setToolTip(item.message);
    auto* bar = qobject_cast<QProgressBar*>(table_->cellWidget(r, 4));
    if (!bar) {
      bar = new QProgressBar(table_);
      bar->setMaximumHeight(16);
      table_->setCellWidget(r, 4, bar);
    }
    bar->setRange(0, int(std::max<qint64>(1, item.total)));
    bar->setValue(int(item.status == QLatin1String("done") && item.total == 0 ? 1 : item.done));
    bar->setFormat(item.total > 0 ? QStringLiteral("%1/%2").arg(item.done).arg(item.total) : QStringLiteral("%p%"));
    set(5, item.status == QLatin1String("running") ? item.eta : QString());
  }
  cancelButton_->setEnabled(job_->isRunning() || table_->currentRow() >= 0);
  viewButton_->setEnabled(!queue_.empty());
}

}  // namespace filmrecover::ui
