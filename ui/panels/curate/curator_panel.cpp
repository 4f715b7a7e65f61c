#include "ui/panels/curate/curator_panel.h"

#include "core/curate/curate_job.h"
#include "core/workflow/operator_decisions.h"
#include "core/workflow/stage_runs.h"

#include <QAction>
#include <QKeyEvent>
#include <QThread>
#include <QComboBox>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <map>
#include <set>

#include "core/io/frame_source.h"
#include "core/match/mapping.h"
#include "ui/jobs/worker_job.h"
#include "ui/panels/common/job_bar.h"
#include "ui/panels/curate/pair_sheet_model.h"
#include "ui/panels/curate/sheet_delegate.h"
#include "ui/panels/curate/sheet_filter_model.h"
#include "ui/panels/curate/thumbnail_cache.h"
#include "ui/panels/project_context.h"

namespace filmrecover::ui {

namespace {

QAction* keyAction(QWidget* owner, const QString& text, const QKeySequence& key, const QString& tip) {
  auto* action = new QAction(text, owner);
  action->setShortcut(key);
  action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString()));
  owner->addAction(action);
  return action;
}

QPushButton* actionButton(QAction* action, QWidget* parent) {
  auto* b = new QPushButton(action->text(), parent);
  b->setToolTip(action->toolTip());
  QObject::connect(b, &QPushButton::clicked, action, &QAction::trigger);
  return b;
}

}  // namespace

CuratorPanel::CuratorPanel(ProjectContext* project, QWidget* parent) : QWidget(parent), project_(project) {
  setObjectName(QStringLiteral("CuratorPanel"));
  thumbnails_ = new ThumbnailCache(128, this);
  model_ = new PairSheetModel(thumbnails_, this);
  filter_ = new SheetFilterModel(this);
  filter_->setSourceModel(model_);
  delegate_ = new SheetDelegate(this);
  suggestJob_ = new WorkerJob(QStringLiteral("suggest"), this);

  view_ = new QListView(this);
  // List mode with wrapping and uniform sizes: Qt lays out by arithmetic, not per item, so
  // thousands of tiles scroll smoothly; only visible tiles ask for thumbnails.
  view_->setViewMode(QListView::ListMode);
  view_->setFlow(QListView::LeftToRight);
  view_->setWrapping(true);
  view_->setResizeMode(QListView::Adjust);
  view_->setUniformItemSizes(true);
  view_->setMovement(QListView::Static);
  view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  view_->setItemDelegate(delegate_);
  view_->setGridSize(delegate_->tileSize());
  view_->setModel(filter_);
  view_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
  view_->setStyleSheet(QStringLiteral("QListView { background: #202023; border: none; }"));

  markTrain_ = keyAction(view_, QStringLiteral("Train"), QKeySequence(Qt::Key_T), QStringLiteral("Use the selected pairs for training"));
  markHoldout_ = keyAction(view_, QStringLiteral("Hold-out"), QKeySequence(Qt::Key_H), QStringLiteral("Keep the selected pairs for validation"));
  markReject_ = keyAction(view_, QStringLiteral("Reject"), QKeySequence(Qt::Key_R), QStringLiteral("Leave the selected pairs out"));
  clear_ = keyAction(view_, QStringLiteral("Clear"), QKeySequence(Qt::Key_U), QStringLiteral("Remove the decision of the selected pairs"));
  showInViewer_ = keyAction(view_, QStringLiteral("Show in viewer"), QKeySequence(Qt::Key_Space), QStringLiteral("Compare the current pair in the viewer"));
  connect(markTrain_, &QAction::triggered, this, [this]() { markSelected(QStringLiteral("train")); });
  connect(markHoldout_, &QAction::triggered, this, [this]() { markSelected(QStringLiteral("holdout")); });
  connect(markReject_, &QAction::triggered, this, [this]() { markSelected(QStringLiteral("rejected")); });
  connect(clear_, &QAction::triggered, this, [this]() { markSelected(QString()); });
  auto showCurrent = [this]() {
    const QModelIndex i = view_->currentIndex();
    if (i.isValid()) project_->requestView(i.data(PairSheetModel::SourceFrameRole).toInt(), ElementRole::Aligned);
  };
  connect(showInViewer_, &QAction::triggered, this, showCurrent);
  // The keys also work when the shortcut map does not see them (a view focused in a dock
  // of an inactive window, synthetic key events): handled on the view itself.
  view_->installEventFilter(this);
  connect(view_, &QListView::doubleClicked, this, showCurrent);

  // Filters and tile size.
  show_ = new QComboBox(this);
  show_->addItems(SheetFilterModel::showLabels());
  shot_ = new QComboBox(this);
  shot_->addItem(QStringLiteral("Every shot"), -1);
  size_ = new QSlider(Qt::Horizontal, this);
  size_->setRange(64, 256);
  size_->setValue(112);
  size_->setMaximumWidth(120);
  size_->setToolTip(QStringLiteral("Tile size"));
  counts_ = new QLabel(this);
  auto* filterRow = new QHBoxLayout;
  filterRow->addWidget(new QLabel(QStringLiteral("Show"), this));
  filterRow->addWidget(show_);
  filterRow->addWidget(shot_);
  filterRow->addSpacing(12);
  filterRow->addWidget(counts_, 1);
  filterRow->addWidget(new QLabel(QStringLiteral("Size"), this));
  filterRow->addWidget(size_);

  // Suggest and mark.
  trainCount_ = new QSpinBox(this);
  trainCount_->setRange(1, 500);
  trainCount_->setValue(12);
  trainCount_->setPrefix(QStringLiteral("train "));
  holdoutCount_ = new QSpinBox(this);
  holdoutCount_->setRange(0, 200);
  holdoutCount_->setValue(3);
  holdoutCount_->setPrefix(QStringLiteral("hold-out "));
  suggestButton_ = new QPushButton(QStringLiteral("Suggest"), this);
  suggestButton_->setToolTip(QStringLiteral("Pick diverse pairs over shots, time, brightness, colour and texture (k-centre); your own marks are kept"));
  jobBar_ = new JobBar(this);
  jobBar_->follow(suggestJob_);
  auto* markRow = new QHBoxLayout;
  markRow->addWidget(trainCount_);
  markRow->addWidget(holdoutCount_);
  markRow->addWidget(suggestButton_);
  markRow->addWidget(jobBar_, 1);
  markRow->addSpacing(12);
  for (QAction* a : {markTrain_, markHoldout_, markReject_, clear_}) markRow->addWidget(actionButton(a, this));

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(filterRow);
  layout->addLayout(markRow);
  layout->addWidget(view_, 1);

  connect(show_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          [this](int i) { filter_->setShow(static_cast<SheetFilterModel::Show>(i)); });
  connect(shot_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          [this](int i) { filter_->setShot(shot_->itemData(i).toInt()); });
  connect(size_, &QSlider::valueChanged, this, [this](int w) {
    delegate_->setThumbWidth(w);
    view_->setGridSize(delegate_->tileSize());  // the grid cell is the layout's only size
  });
  connect(suggestButton_, &QPushButton::clicked, this, &CuratorPanel::suggest);
  connect(suggestJob_, &WorkerJob::failed, project_, &ProjectContext::reportError);
  connect(suggestJob_, &WorkerJob::finished, this, [this]() { suggestButton_->setEnabled(true); });
  connect(project_, &ProjectContext::projectOpened, this, &CuratorPanel::reload);
  connect(project_, &ProjectContext::mappingChanged, this, &CuratorPanel::reload);
  connect(project_, &ProjectContext::elementsChanged, this, &CuratorPanel::updateReader);
  connect(project_, &ProjectContext::curationChanged, this, &CuratorPanel::reloadDecisions);
  if (project_->isOpen()) reload();
}

bool CuratorPanel::eventFilter(QObject* watched, QEvent* event) {
  if (watched == view_ && (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride)) {
    auto* key = static_cast<QKeyEvent*>(event);
    QAction* action = nullptr;
    if (key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier) {
      for (QAction* a : {markTrain_, markHoldout_, markReject_, clear_, showInViewer_})
        if (a->shortcut() == QKeySequence(key->key())) action = a;
    }
    if (action) {
      if (event->type() == QEvent::ShortcutOverride) {
        event->accept();  // we take the key: no shortcut fires, the key press follows
      } else {
        action->trigger();
      }
      return event->type() == QEvent::KeyPress;
    }
  }
  return QWidget::eventFilter(watched, event);
}

void CuratorPanel::reload() {
  if (!project_->isOpen()) return;
  cuts_.clear();
  if (QFileInfo::exists(project_->mappingPath())) {
    try {
      cuts_ = match::readMapping(project_->mappingPath().toStdString()).sourceCuts;
    } catch (const std::exception& e) {
      project_->reportError(QString::fromStdString(e.what()));
    }
  }
  model_->setPairs(project_->catalog().mapping(), project_->catalog().curation(), cuts_);
  updateShots();
  updateReader();
  updateCounts();
}

void CuratorPanel::reloadDecisions() {
  if (!project_->isOpen()) return;
  model_->setDecisions(project_->catalog().curation());
  filter_->invalidate();
  updateCounts();
}

void CuratorPanel::updateShots() {
  const int current = shot_->currentData().toInt();
  shot_->blockSignals(true);
  shot_->clear();
  shot_->addItem(QStringLiteral("Every shot"), -1);
  for (size_t s = 0; s <= cuts_.size(); ++s) shot_->addItem(QStringLiteral("Shot %1").arg(s + 1), int(s));
  shot_->setCurrentIndex(std::max(0, shot_->findData(current)));
  shot_->blockSignals(false);
  filter_->setShot(shot_->currentData().toInt());
}

void CuratorPanel::updateReader() {
  auto source = project_->element(ElementRole::Source);
  auto aligned = project_->element(ElementRole::Aligned);
  auto reference = project_->element(ElementRole::Reference);
  if (!source) {
    thumbnails_->setReader({});
    return;
  }
  if (source->info().height > 0) {
    delegate_->setAspect(double(source->info().width) / source->info().height);
    view_->setGridSize(delegate_->tileSize());
  }
  std::map<int, int> refOf;
  for (const auto& item : model_->items()) refOf[item.sourceFrame] = item.referenceFrame;
  thumbnails_->setReader([source, aligned, reference, refOf](int frame) {
    Image left = source->read(frame);
    Image right;
    if (aligned && aligned->has(frame)) {
      right = aligned->read(frame);
    } else if (reference) {
      auto it = refOf.find(frame);
      if (it != refOf.end() && reference->has(it->second)) right = reference->read(it->second);
    }
    return std::make_pair(std::move(left), std::move(right));
  });
  view_->viewport()->update();
}

void CuratorPanel::updateCounts() {
  int train = 0, holdout = 0, rejected = 0, undecided = 0;
  for (const auto& item : model_->items()) {
    if (item.decision == "train") ++train;
    else if (item.decision == "holdout") ++holdout;
    else if (item.decision == "rejected") ++rejected;
    else ++undecided;
  }
  counts_->setText(QStringLiteral("<span style='color:#5cb85c'>train %1</span> · "
                                  "<span style='color:#4a9ee8'>hold-out %2</span> · "
                                  "<span style='color:#e05555'>rejected %3</span> · undecided %4 of %5 pairs")
                       .arg(train)
                       .arg(holdout)
                       .arg(rejected)
                       .arg(undecided)
                       .arg(model_->items().size()));
}

QString CuratorPanel::countsText() const { return counts_->text(); }

void CuratorPanel::selectFrames(const std::vector<int>& frames) {
  QItemSelection selection;
  for (int f : frames) {
    const int row = model_->rowOf(f);
    if (row < 0) continue;
    const QModelIndex i = filter_->mapFromSource(model_->index(row));
    if (i.isValid()) selection.select(i, i);
  }
  view_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
  if (!selection.isEmpty()) {
    view_->selectionModel()->setCurrentIndex(selection.indexes().front(), QItemSelectionModel::NoUpdate);
    view_->scrollTo(selection.indexes().front());
  }
}

void CuratorPanel::markSelected(const QString& decision) {
  if (!project_->isOpen()) return;
  std::set<int> frames;
  for (const QModelIndex& i : view_->selectionModel()->selectedIndexes())
    frames.insert(i.data(PairSheetModel::SourceFrameRole).toInt());
  if (frames.empty()) return;
  try {
    workflow::markCuration(project_->catalog(), frames, decision.toStdString(), project_->operatorName());
  } catch (const std::exception& e) {
    project_->reportError(QString::fromStdString(e.what()));
  }
  project_->notifyCurationChanged();
}

void CuratorPanel::suggest() {
  auto source = project_->element(ElementRole::Source);
  if (!project_->isOpen() || !source) {
    project_->reportError(QStringLiteral("Suggesting pairs needs the project's source element: add it first."));
    return;
  }
  if (model_->items().empty()) {
    project_->reportError(QStringLiteral("There are no matched pairs to choose from: run Match first."));
    return;
  }
  if (!project_->element(ElementRole::Aligned)) {
    project_->reportError(QStringLiteral("Suggesting pairs needs aligned reference frames: run Align first."));
    return;
  }
  // The curate stage as recover and `curate --project` run it (the mapping with the
  // operator's accept / reject, align's flags, the shared crop), with the operator's own
  // decisions as additions and removals.
  const workflow::ProjectLayout layout = project_->layout();
  curate::CurateRequest request;
  request.source = source->info().spec;
  request.aligned = layout.alignedPattern();
  request.mapping = layout.mapping();
  request.transforms = layout.transforms();
  request.output = layout.dataset();
  request.contactSheet = layout.contactSheet();
  request.crop = project_->catalog().crop().value_or(Rect{});
  request.threads = std::max(1, QThread::idealThreadCount() - 1);
  request.selection.train = trainCount_->value();
  request.selection.holdout = holdoutCount_->value();
  std::set<int> operatorFrames;
  for (const auto& c : project_->catalog().curation()) {
    if (c.who == "auto") continue;
    operatorFrames.insert(c.frame);
    if (c.decision == "train") request.selection.add.push_back(c.frame);
    if (c.decision == "rejected") request.selection.remove.push_back(c.frame);
  }
  suggestButton_->setEnabled(false);
  const std::string projectDir = project_->dir().toStdString();
  suggestJob_->start([this, request, operatorFrames, projectDir](const JobContext& ctx) -> WorkerJob::Deliver {
    // The operator's own decisions stay; the suggestion is recorded as recover records it,
    // through this thread's own catalog connection.
    project::ProjectCatalog catalog(projectDir);
    const std::vector<int> keep(operatorFrames.begin(), operatorFrames.end());
    const curate::Selection selection =
        workflow::runCurate(request, &catalog, "auto", keep, ctx.progress, ctx.cancel).result.dataset.selection;
    return [this, selection]() {
      project_->notifyCurationChanged();
      project_->reportStatus(QStringLiteral("suggested %1 training and %2 hold-out pairs")
                                 .arg(selection.train.size())
                                 .arg(selection.holdout.size()));
    };
  });
}

}  // namespace filmrecover::ui
