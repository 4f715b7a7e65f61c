#include "ui/panels/match/sources_match_panel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <set>

#include "core/io/frame_source.h"
#include "core/match/match_sources.h"
#include "core/workflow/operator_decisions.h"
#include "core/workflow/stage_records.h"
#include "core/workflow/stage_runs.h"
#include "ui/jobs/worker_job.h"
#include "ui/panels/common/job_bar.h"
#include "ui/panels/match/mapping_plot.h"
#include "ui/panels/match/mapping_table_model.h"
#include "ui/panels/project_context.h"

namespace filmrecover::ui {

namespace {

QTableWidgetItem* cell(const QString& text) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  return item;
}

}  // namespace

SourcesMatchPanel::SourcesMatchPanel(ProjectContext* project, QWidget* parent)
    : QWidget(parent), project_(project) {
  setObjectName(QStringLiteral("SourcesMatchPanel"));
  addJob_ = new WorkerJob(QStringLiteral("add element"), this);
  matchJob_ = new WorkerJob(QStringLiteral("match"), this);

  // The project folder (catalog and stage outputs).
  auto* projectRow = new QHBoxLayout;
  projectLabel_ = new QLabel(this);
  projectLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* openProject = new QPushButton(QStringLiteral("Open / New Project…"), this);
  openProject->setToolTip(QStringLiteral("A folder holding project.sqlite (created when missing); the same layout as recover's work dir"));
  projectRow->addWidget(new QLabel(QStringLiteral("<b>Project</b>"), this));
  projectRow->addWidget(projectLabel_, 1);
  projectRow->addWidget(openProject);
  connect(openProject, &QPushButton::clicked, this, [this]() {
    const QString dir = QFileDialog::getExistingDirectory(this, QStringLiteral("Project folder"), project_->dir());
    if (!dir.isEmpty()) project_->openProject(dir);
  });

  // Elements of the film.
  auto* elements = new QGroupBox(QStringLiteral("Elements"), this);
  auto* addRow = new QHBoxLayout;
  roleBox_ = new QComboBox(elements);
  roleBox_->addItems({QStringLiteral("source"), QStringLiteral("reference")});
  roleBox_->setToolTip(QStringLiteral("source: the element to restore · reference: the element holding the better information"));
  specEdit_ = new QLineEdit(elements);
  specEdit_->setPlaceholderText(QStringLiteral("sequence pattern (plate.####.exr), movie or folder"));
  auto* browse = new QPushButton(QStringLiteral("Browse…"), elements);
  addButton_ = new QPushButton(QStringLiteral("Add"), elements);
  addButton_->setDefault(true);
  addRow->addWidget(roleBox_);
  addRow->addWidget(specEdit_, 1);
  addRow->addWidget(browse);
  addRow->addWidget(addButton_);
  sources_ = new QTableWidget(0, 7, elements);
  sources_->setHorizontalHeaderLabels({QStringLiteral("Role"), QStringLiteral("Element"), QStringLiteral("Frames"),
                                       QStringLiteral("Range"), QStringLiteral("Size"), QStringLiteral("Rate"),
                                       QStringLiteral("Type")});
  sources_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  sources_->verticalHeader()->hide();
  sources_->setSelectionBehavior(QAbstractItemView::SelectRows);
  sources_->setMaximumHeight(110);
  auto* elementsLayout = new QVBoxLayout(elements);
  elementsLayout->addLayout(addRow);
  elementsLayout->addWidget(sources_);

  // Matching.
  auto* matching = new QGroupBox(QStringLiteral("Temporal match"), this);
  matchButton_ = new QPushButton(QStringLiteral("Match"), matching);
  matchButton_->setToolTip(QStringLiteral("Find which reference frame shows the same picture as each source frame"));
  jobBar_ = new JobBar(matching);
  jobBar_->follow(matchJob_);
  summary_ = new QLabel(matching);
  summary_->setWordWrap(true);
  plot_ = new MappingPlot(matching);
  model_ = new MappingTableModel(this);
  pairs_ = new QTableView(matching);
  pairs_->setModel(model_);
  pairs_->setSelectionBehavior(QAbstractItemView::SelectRows);
  pairs_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  pairs_->verticalHeader()->hide();
  pairs_->verticalHeader()->setDefaultSectionSize(20);
  pairs_->horizontalHeader()->setStretchLastSection(true);
  acceptButton_ = new QPushButton(QStringLiteral("Accept"), matching);
  acceptButton_->setToolTip(QStringLiteral("Mark the selected pairs usable (A)"));
  acceptButton_->setShortcut(QKeySequence(Qt::Key_A));
  rejectButton_ = new QPushButton(QStringLiteral("Reject"), matching);
  rejectButton_->setToolTip(QStringLiteral("Flag the selected pairs so later stages leave them out (X)"));
  rejectButton_->setShortcut(QKeySequence(Qt::Key_X));
  viewButton_ = new QPushButton(QStringLiteral("Show in viewer"), matching);
  auto* top = new QHBoxLayout;
  top->addWidget(matchButton_);
  top->addWidget(jobBar_, 1);
  auto* tableSide = new QWidget(matching);
  auto* tableLayout = new QVBoxLayout(tableSide);
  tableLayout->setContentsMargins(0, 0, 0, 0);
  tableLayout->addWidget(pairs_, 1);
  auto* pairButtons = new QHBoxLayout;
  pairButtons->addWidget(acceptButton_);
  pairButtons->addWidget(rejectButton_);
  pairButtons->addStretch(1);
  pairButtons->addWidget(viewButton_);
  tableLayout->addLayout(pairButtons);
  auto* split = new QSplitter(Qt::Horizontal, matching);
  split->addWidget(plot_);
  split->addWidget(tableSide);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({600, 400});
  auto* matchLayout = new QVBoxLayout(matching);
  matchLayout->addLayout(top);
  matchLayout->addWidget(summary_);
  matchLayout->addWidget(split, 1);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(projectRow);
  layout->addWidget(elements);
  layout->addWidget(matching, 1);

  connect(browse, &QPushButton::clicked, this, &SourcesMatchPanel::browse);
  connect(addButton_, &QPushButton::clicked, this,
          [this]() { addElement(roleBox_->currentText(), specEdit_->text().trimmed()); });
  connect(specEdit_, &QLineEdit::returnPressed, addButton_, &QPushButton::click);
  connect(matchButton_, &QPushButton::clicked, this, &SourcesMatchPanel::startMatch);
  connect(acceptButton_, &QPushButton::clicked, this, [this]() { setSelectedAccepted(true); });
  connect(rejectButton_, &QPushButton::clicked, this, [this]() { setSelectedAccepted(false); });
  connect(viewButton_, &QPushButton::clicked, this, [this]() {
    const QModelIndex i = pairs_->currentIndex();
    if (i.isValid()) project_->requestView(model_->rows()[i.row()].sourceFrame, ElementRole::Aligned);
  });
  connect(pairs_, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
    project_->requestView(model_->rows()[i.row()].sourceFrame, ElementRole::Reference);
  });
  connect(pairs_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& i) { plot_->setCurrent(i.isValid() ? model_->rows()[i.row()].sourceFrame : -1); });
  connect(plot_, &MappingPlot::pairClicked, this, [this](int frame) {
    selectPair(frame);
    project_->requestView(frame, ElementRole::Reference);
  });
  connect(addJob_, &WorkerJob::failed, project_, &ProjectContext::reportError);
  connect(matchJob_, &WorkerJob::failed, project_, &ProjectContext::reportError);
  connect(addJob_, &WorkerJob::finished, this, &SourcesMatchPanel::updateButtons);
  connect(matchJob_, &WorkerJob::finished, this, &SourcesMatchPanel::updateButtons);
  connect(matchJob_, &WorkerJob::started, this, &SourcesMatchPanel::updateButtons);
  connect(project_, &ProjectContext::projectOpened, this, [this]() {
    refreshSources();
    refreshMapping();
  });
  connect(project_, &ProjectContext::sourcesChanged, this, &SourcesMatchPanel::refreshSources);
  connect(project_, &ProjectContext::elementsChanged, this, &SourcesMatchPanel::updateButtons);
  connect(project_, &ProjectContext::mappingChanged, this, &SourcesMatchPanel::refreshMapping);
  refreshSources();
  refreshMapping();
  updateButtons();
}

void SourcesMatchPanel::browse() {
  const QString file = QFileDialog::getOpenFileName(this, QStringLiteral("Add %1").arg(roleBox_->currentText()),
                                                    project_->dir(),
                                                    QStringLiteral("Images and movies (*.exr *.dpx *.tif *.tiff *.png *.jpg *.jpeg *.mov *.mp4 *.mkv *.avi *.mpg *.vob *.mxf);;All files (*)"));
  if (file.isEmpty()) return;
  // A numbered file stands for its sequence: give the folder, which holds exactly one.
  const QFileInfo info(file);
  const bool numbered = info.completeBaseName().contains(QRegularExpression(QStringLiteral("\\d+$")));
  specEdit_->setText(numbered && !isMovieFile(file.toStdString()) ? info.absolutePath() : file);
}

void SourcesMatchPanel::addElement(const QString& role, const QString& spec) {
  if (spec.isEmpty()) {
    project_->reportError(QStringLiteral("Type or browse to a sequence, movie or folder to add as %1.").arg(role));
    return;
  }
  if (!project_->isOpen()) {
    project_->reportError(QStringLiteral("Open or create a project before adding elements."));
    return;
  }
  const std::string r = role.toStdString(), s = spec.toStdString(), projectDir = project_->dir().toStdString();
  addJob_->start([this, r, s, projectDir](const JobContext& ctx) -> WorkerJob::Deliver {
    reportProgress(ctx.progress, {"open", 0, 1, s});
    std::shared_ptr<FrameSource> source = FrameSource::open(s);
    const int frames = static_cast<int>(source->info().frames.size());
    // Recorded here, through this thread's own catalog connection, as the stages record.
    project::ProjectCatalog catalog(projectDir);
    workflow::recordElement(catalog, r, *source);
    return [this, r, frames, source]() {
      project_->setElement(r == "source" ? ElementRole::Source : ElementRole::Reference, source);
      project_->notifySourcesChanged();
      project_->reportStatus(QStringLiteral("added %1: %2 frames").arg(QString::fromStdString(r)).arg(frames));
    };
  });
}

void SourcesMatchPanel::startMatch() {
  auto source = project_->element(ElementRole::Source);
  auto reference = project_->element(ElementRole::Reference);
  if (!source || !reference) {
    project_->reportError(QStringLiteral("Matching needs a source and a reference element: add both first."));
    return;
  }
  match::MatchOptions options;
  options.cacheDir = project_->cacheDir().toStdString();
  options.threads = std::max(1, QThread::idealThreadCount() - 1);  // one core stays with the GUI
  const std::string path = project_->mappingPath().toStdString();
  const std::string projectDir = project_->dir().toStdString();
  matchJob_->start([this, source, reference, options, path, projectDir](const JobContext& ctx) -> WorkerJob::Deliver {
    // The match stage as recover and `match --project` run it, recorded through this
    // thread's own catalog connection.
    project::ProjectCatalog catalog(projectDir);
    const match::Mapping mapping =
        workflow::runMatch(source, reference, options, path, &catalog, ctx.progress, ctx.cancel).mapping;
    return [this, mapping]() {      project_->notifyMappingChanged();
      project_->reportStatus(QStringLiteral("matching done: %1 pairs").arg(mapping.pairs.size()));
    };
  });
}

void SourcesMatchPanel::refreshSources() {
  projectLabel_->setText(project_->isOpen() ? project_->dir() : QStringLiteral("<i>none open</i>"));
  sources_->setRowCount(0);
  if (!project_->isOpen()) return;
  for (const auto& s : project_->catalog().sources()) {
    const int row = sources_->rowCount();
    sources_->insertRow(row);
    const double rate = s.info.value("frameRate", 0.0);
    sources_->setItem(row, 0, cell(QString::fromStdString(s.role)));
    sources_->setItem(row, 1, cell(QString::fromStdString(s.spec)));
    sources_->setItem(row, 2, cell(QString::number(s.frameCount)));
    sources_->setItem(row, 3, cell(QStringLiteral("%1–%2").arg(s.first).arg(s.last)));
    sources_->setItem(row, 4, cell(QStringLiteral("%1×%2").arg(s.width).arg(s.height)));
    sources_->setItem(row, 5, cell(rate > 0 ? QString::number(rate, 'g', 5) : QStringLiteral("–")));
    sources_->setItem(row, 6, cell(QString::fromStdString(s.info.value("dataType", std::string()))));
    sources_->item(row, 1)->setToolTip(QString::fromStdString(s.spec));
  }
  sources_->resizeColumnsToContents();
  sources_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  updateButtons();
}

void SourcesMatchPanel::refreshMapping() {
  if (!project_->isOpen()) return;
  auto rows = project_->catalog().mapping();
  try {
    mapping_ = QFileInfo::exists(project_->mappingPath()) ? match::readMapping(project_->mappingPath().toStdString())
                                                          : workflow::mappingFromRows(rows);
  } catch (const std::exception& e) {
    project_->reportError(QString::fromStdString(e.what()));
    mapping_ = workflow::mappingFromRows(rows);
  }
  workflow::applyRowFlags(mapping_, rows);
  plot_->setMapping(mapping_);
  model_->setRows(std::move(rows));
  int flagged = 0;
  for (const auto& p : mapping_.pairs) flagged += p.flagged() ? 1 : 0;
  QString text;
  if (!mapping_.pairs.empty()) {
    text = QStringLiteral("%1 pairs, %2 flagged · rate %3 · %4 cuts · %5 unmatched source ranges")
               .arg(mapping_.pairs.size())
               .arg(flagged)
               .arg(mapping_.rateRatio, 0, 'f', 4)
               .arg(mapping_.sourceCuts.size())
               .arg(mapping_.unmatchedSource.size());
    if (!mapping_.timecodeHint.empty()) text += QStringLiteral(" · ") + QString::fromStdString(mapping_.timecodeHint);
  }
  summary_->setText(text);
  updateButtons();
}

void SourcesMatchPanel::setSelectedAccepted(bool accepted) {
  if (!project_->isOpen()) return;
  std::set<int> frames;
  for (const QModelIndex& i : pairs_->selectionModel()->selectedRows()) frames.insert(model_->rows()[i.row()].sourceFrame);
  if (frames.empty()) return;
  try {
    workflow::setPairsAccepted(project_->catalog(), project_->mappingPath().toStdString(), frames, accepted,
                               project_->operatorName());
  } catch (const std::exception& e) {
    project_->reportError(QString::fromStdString(e.what()));
  }
  const int current = pairs_->currentIndex().isValid() ? model_->rows()[pairs_->currentIndex().row()].sourceFrame : -1;
  project_->notifyMappingChanged();
  if (current >= 0) selectPair(current);
}

void SourcesMatchPanel::selectPair(int sourceFrame) {
  const int row = model_->rowOfSourceFrame(sourceFrame);
  if (row < 0) return;
  pairs_->selectRow(row);
  pairs_->scrollTo(model_->index(row, 0));
  plot_->setCurrent(sourceFrame);
}

void SourcesMatchPanel::updateButtons() {
  const bool both = project_->element(ElementRole::Source) && project_->element(ElementRole::Reference);
  matchButton_->setEnabled(both && !matchJob_->isRunning());
  addButton_->setEnabled(!addJob_->isRunning());
  const bool hasPairs = model_->rowCount() > 0;
  acceptButton_->setEnabled(hasPairs);
  rejectButton_->setEnabled(hasPairs);
  viewButton_->setEnabled(hasPairs);
}

}  // namespace filmrecover::ui
