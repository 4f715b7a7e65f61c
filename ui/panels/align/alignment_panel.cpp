#include "ui/panels/align/alignment_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QThread>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "core/align/align_pairs.h"
#include "core/align/registration.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/io/output_pattern.h"
#include "core/opencv/image_mat.h"
#include "core/pipeline/recover_options.h"
#include "core/workflow/alignment_override.h"
#include "core/workflow/operator_decisions.h"
#include "core/workflow/stage_runs.h"
#include "ui/jobs/worker_job.h"
#include "ui/panels/common/job_bar.h"
#include "ui/panels/curate/thumbnail_cache.h"
#include "ui/panels/project_context.h"

namespace filmrecover::ui {

namespace {

constexpr int kPreviewWidth = 960;

QDoubleSpinBox* spin(QWidget* parent, double lo, double hi, double step, int decimals, const QString& suffix) {
  auto* s = new QDoubleSpinBox(parent);
  s->setRange(lo, hi);
  s->setSingleStep(step);
  s->setDecimals(decimals);
  s->setSuffix(suffix);
  s->setKeyboardTracking(false);
  return s;
}

QSpinBox* intSpin(QWidget* parent) {
  auto* s = new QSpinBox(parent);
  s->setRange(0, 100000);
  s->setKeyboardTracking(false);
  return s;
}

}  // namespace

std::array<double, 9> composeNudge(const std::array<double, 9>& m, const Nudge& nudge, int width, int height) {
  const QTransform t = nudge.transform(width, height);
  // QTransform maps row vectors (x' = m11 x + m21 y + dx); as a column-vector matrix:
  const double n[9] = {t.m11(), t.m21(), t.m31(), t.m12(), t.m22(), t.m32(), t.m13(), t.m23(), t.m33()};
  std::array<double, 9> out{};
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c)
      for (int k = 0; k < 3; ++k) out[r * 3 + c] += n[r * 3 + k] * m[k * 3 + c];
  return out;
}

AlignmentPanel::AlignmentPanel(ProjectContext* project, QWidget* parent) : QWidget(parent), project_(project) {
  setObjectName(QStringLiteral("AlignmentPanel"));
  loadJob_ = new WorkerJob(QStringLiteral("load pair"), this);
  alignJob_ = new WorkerJob(QStringLiteral("align"), this);
  overrideJob_ = new WorkerJob(QStringLiteral("apply override"), this);
  view_ = new AlignmentView(this);

  alignButton_ = new QPushButton(QStringLiteral("Align"), this);
  alignButton_->setToolTip(QStringLiteral("Register every usable pair: aligned frames, transforms and the shared crop"));
  motionModel_ = new QComboBox(this);
  for (const char* m : {"translation", "similarity", "affine", "homography"}) motionModel_->addItem(QString::fromLatin1(m));
  // The default of recover and `align`: one default, whoever aligns.
  motionModel_->setCurrentText(QString::fromStdString(pipeline::RecoverOptions{}.alignModel));
  motionModel_->setToolTip(QStringLiteral("Geometric model of the registration"));
  jobBar_ = new JobBar(this);
  jobBar_->follow(alignJob_);
  auto* alignRow = new QHBoxLayout;
  alignRow->addWidget(alignButton_);
  alignRow->addWidget(motionModel_);
  alignRow->addWidget(jobBar_, 1);

  frameBox_ = new QSpinBox(this);
  frameBox_->setPrefix(QStringLiteral("source frame "));
  frameBox_->setKeyboardTracking(false);
  auto* prev = new QToolButton(this);
  prev->setArrowType(Qt::LeftArrow);
  prev->setToolTip(QStringLiteral("Previous pair (,)"));
  prev->setShortcut(QKeySequence(Qt::Key_Comma));
  auto* next = new QToolButton(this);
  next->setArrowType(Qt::RightArrow);
  next->setToolTip(QStringLiteral("Next pair (.)"));
  next->setShortcut(QKeySequence(Qt::Key_Period));
  modeBox_ = new QComboBox(this);
  modeBox_->addItems({QStringLiteral("Luma difference"), QStringLiteral("RGB difference"), QStringLiteral("Source"),
                      QStringLiteral("Aligned reference"), QStringLiteral("Blend 50 %")});
  gain_ = spin(this, 1, 64, 1, 0, QStringLiteral("×"));
  gain_->setValue(4);
  gain_->setPrefix(QStringLiteral("gain "));
  residual_ = new QLabel(this);
  auto* top = new QHBoxLayout;
  top->addWidget(prev);
  top->addWidget(frameBox_);
  top->addWidget(next);
  top->addSpacing(8);
  top->addWidget(modeBox_);
  top->addWidget(gain_);
  top->addSpacing(8);
  top->addWidget(residual_, 1);

  auto* nudge = new QGroupBox(QStringLiteral("Manual nudge"), this);
  dx_ = spin(nudge, -500, 500, 0.25, 2, QStringLiteral(" px"));
  dy_ = spin(nudge, -500, 500, 0.25, 2, QStringLiteral(" px"));
  scale_ = spin(nudge, 0.5, 2.0, 0.001, 4, QString());
  scale_->setValue(1.0);
  rotation_ = spin(nudge, -45, 45, 0.05, 3, QStringLiteral("°"));
  auto* reset = new QPushButton(QStringLiteral("Reset"), nudge);
  storeButton_ = new QPushButton(QStringLiteral("Store override"), nudge);
  storeButton_->setToolTip(QStringLiteral("Keep this correction for the pair (applied after the automatic registration)"));
  auto* nudgeForm = new QFormLayout(nudge);
  nudgeForm->addRow(QStringLiteral("Shift X"), dx_);
  nudgeForm->addRow(QStringLiteral("Shift Y"), dy_);
  nudgeForm->addRow(QStringLiteral("Scale"), scale_);
  nudgeForm->addRow(QStringLiteral("Rotate"), rotation_);
  auto* nudgeButtons = new QHBoxLayout;
  nudgeButtons->addWidget(reset);
  nudgeButtons->addWidget(storeButton_);
  nudgeForm->addRow(nudgeButtons);

  auto* cropBox = new QGroupBox(QStringLiteral("Shared crop"), this);
  cropX0_ = intSpin(cropBox);
  cropY0_ = intSpin(cropBox);
  cropX1_ = intSpin(cropBox);
  cropY1_ = intSpin(cropBox);
  auto* cropForm = new QFormLayout(cropBox);
  cropForm->addRow(QStringLiteral("Left"), cropX0_);
  cropForm->addRow(QStringLiteral("Top"), cropY0_);
  cropForm->addRow(QStringLiteral("Right"), cropX1_);
  cropForm->addRow(QStringLiteral("Bottom"), cropY1_);
  auto* cropHint = new QLabel(QStringLiteral("Drag the edges in the picture; no borders, subtitles or logos inside."), cropBox);
  cropHint->setWordWrap(true);
  cropHint->setStyleSheet(QStringLiteral("color:#8a8a92"));
  cropForm->addRow(cropHint);

  auto* sideWidget = new QWidget(this);
  auto* side = new QVBoxLayout(sideWidget);
  side->setContentsMargins(0, 0, 0, 0);
  side->addWidget(nudge);
  side->addWidget(cropBox);
  side->addStretch(1);
  auto* sideScroll = new QScrollArea(this);
  sideScroll->setWidget(sideWidget);
  sideScroll->setWidgetResizable(true);
  sideScroll->setFrameShape(QFrame::NoFrame);
  sideScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  sideScroll->setMinimumWidth(sideWidget->sizeHint().width() + 12);
  sideScroll->setMinimumHeight(60);
  auto* body = new QHBoxLayout;
  body->addWidget(view_, 1);
  body->addWidget(sideScroll);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(alignRow);
  layout->addLayout(top);
  layout->addLayout(body, 1);

  connect(frameBox_, qOverload<int>(&QSpinBox::valueChanged), this, [this](int f) {
    // Snap to the nearest matched frame in the direction of travel.
    if (frames_.empty()) return;
    auto it = std::lower_bound(frames_.begin(), frames_.end(), f);
    if (f < frame_ && (it == frames_.end() || *it != f)) it = it == frames_.begin() ? it : it - 1;
    if (it == frames_.end()) it = frames_.end() - 1;
    showPair(*it);
  });
  connect(prev, &QToolButton::clicked, this, [this]() {
    auto it = std::lower_bound(frames_.begin(), frames_.end(), frame_);
    if (it != frames_.begin() && it != frames_.end()) showPair(*(it - 1));
  });
  connect(next, &QToolButton::clicked, this, [this]() {
    auto it = std::upper_bound(frames_.begin(), frames_.end(), frame_);
    if (it != frames_.end()) showPair(*it);
  });
  connect(modeBox_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          [this](int i) { view_->setMode(static_cast<AlignmentView::Mode>(i)); });
  connect(gain_, qOverload<double>(&QDoubleSpinBox::valueChanged), view_, &AlignmentView::setGain);
  for (QDoubleSpinBox* s : {dx_, dy_, scale_, rotation_})
    connect(s, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &AlignmentPanel::nudgeChanged);
  connect(reset, &QPushButton::clicked, this, [this]() {
    dx_->setValue(0);
    dy_->setValue(0);
    scale_->setValue(1);
    rotation_->setValue(0);
  });
  connect(storeButton_, &QPushButton::clicked, this, &AlignmentPanel::storeOverride);
  connect(view_, &AlignmentView::cropEdited, this, &AlignmentPanel::setCrop);
  for (QSpinBox* s : {cropX0_, cropY0_, cropX1_, cropY1_})
    connect(s, qOverload<int>(&QSpinBox::valueChanged), this, [this]() {
      const Rect c{cropX0_->value(), cropY0_->value(), cropX1_->value(), cropY1_->value()};
      if (!c.empty() && !(c == view_->crop())) setCrop(c);
    });
  connect(loadJob_, &WorkerJob::failed, project_, &ProjectContext::reportError);
  connect(alignJob_, &WorkerJob::failed, project_, &ProjectContext::reportError);
  connect(overrideJob_, &WorkerJob::failed, project_, &ProjectContext::reportError);
  connect(alignButton_, &QPushButton::clicked, this, &AlignmentPanel::startAlign);
  connect(alignJob_, &WorkerJob::started, this, [this]() { alignButton_->setEnabled(false); });
  connect(alignJob_, &WorkerJob::finished, this, [this]() { alignButton_->setEnabled(true); });
  connect(loadJob_, &WorkerJob::finished, this, [this]() {
    if (pendingFrame_ >= 0) {
      const int f = pendingFrame_;
      pendingFrame_ = -1;
      showPair(f);
    }
  });
  connect(project_, &ProjectContext::projectOpened, this, &AlignmentPanel::reloadPairs);
  connect(project_, &ProjectContext::mappingChanged, this, &AlignmentPanel::reloadPairs);
  connect(project_, &ProjectContext::transformsChanged, this, &AlignmentPanel::updateResidual);
  connect(project_, &ProjectContext::elementsChanged, this, [this]() {
    if (frame_ >= 0) showPair(frame_);
  });
  connect(project_, &ProjectContext::viewRequested, this, [this](int frame, int) {
    if (isVisible()) showPair(frame);
  });
  if (project_->isOpen()) reloadPairs();
}

void AlignmentPanel::reloadPairs() {
  frames_.clear();
  if (!project_->isOpen()) return;
  for (const auto& m : project_->catalog().mapping()) frames_.push_back(m.sourceFrame);
  frameBox_->blockSignals(true);
  frameBox_->setRange(frames_.empty() ? 0 : frames_.front(), frames_.empty() ? 0 : frames_.back());
  frameBox_->blockSignals(false);
  syncCropBoxes();
  if (!frames_.empty() && (frame_ < 0 || !std::binary_search(frames_.begin(), frames_.end(), frame_)))
    showPair(frames_.front());
}

void AlignmentPanel::syncCropBoxes() {
  const Rect c = project_->isOpen() ? project_->catalog().crop().value_or(Rect{}) : Rect{};
  view_->setCrop(c);
  for (QSpinBox* s : {cropX0_, cropY0_, cropX1_, cropY1_}) s->blockSignals(true);
  cropX0_->setValue(c.x0);
  cropY0_->setValue(c.y0);
  cropX1_->setValue(c.x1);
  cropY1_->setValue(c.y1);
  for (QSpinBox* s : {cropX0_, cropY0_, cropX1_, cropY1_}) s->blockSignals(false);
}

void AlignmentPanel::showPair(int frame) {
  if (loadJob_->isRunning()) {  // skip to the most recent request
    pendingFrame_ = frame;
    return;
  }
  auto source = project_->element(ElementRole::Source);
  if (!source) return;
  frame_ = frame;
  frameBox_->blockSignals(true);
  frameBox_->setValue(frame);
  frameBox_->blockSignals(false);
  updateResidual();
  auto aligned = project_->element(ElementRole::Aligned);
  loadJob_->start([this, source, aligned, frame](const JobContext&) -> WorkerJob::Deliver {
    const Image s = source->read(frame);
    const Image a = aligned && aligned->has(frame) ? aligned->read(frame) : Image();
    const QImage sq = ThumbnailCache::toQImage(s, kPreviewWidth);
    const QImage aq = a.empty() ? QImage() : ThumbnailCache::toQImage(a, kPreviewWidth);
    const QSize full(s.width, s.height);
    return [this, sq, aq, full]() {
      fullSize_ = full;
      view_->setPictures(sq, aq, full);
      for (QSpinBox* box : {cropX0_, cropX1_}) box->setMaximum(full.width());
      for (QSpinBox* box : {cropY0_, cropY1_}) box->setMaximum(full.height());
      syncCropBoxes();
      updateResidual();
    };
  });
}

void AlignmentPanel::updateResidual() {
  if (!project_->isOpen() || frame_ < 0) {
    residual_->clear();
    return;
  }
  QString text = QStringLiteral("not aligned yet");
  for (const auto& t : project_->catalog().transforms()) {
    if (t.sourceFrame != frame_) continue;
    text = QStringLiteral("residual %1 px · inliers %2 %").arg(t.residual, 0, 'f', 2).arg(t.inlierRatio * 100, 0, 'f', 0);
    if (t.flagged) text += QStringLiteral(" · <span style='color:#e05555'>flagged: %1</span>").arg(QString::fromStdString(t.reason));
    else if (!t.reason.empty()) text += QStringLiteral(" · %1").arg(QString::fromStdString(t.reason));
  }
  if ((view_->mode() == AlignmentView::Mode::Difference || view_->mode() == AlignmentView::Mode::RgbDifference) &&
      !view_->composed().isNull())
    text += QStringLiteral(" · mean difference %1 %").arg(view_->meanDifference() * 100, 0, 'f', 2);
  residual_->setText(text);
}

QString AlignmentPanel::residualText() const { return residual_->text(); }

void AlignmentPanel::nudgeChanged() {
  view_->setNudge({dx_->value(), dy_->value(), scale_->value(), rotation_->value()});
  updateResidual();
}

bool AlignmentPanel::storeOverride() {
  if (!project_->isOpen() || frame_ < 0 || fullSize_.isEmpty()) return false;
  const Nudge nudge{dx_->value(), dy_->value(), scale_->value(), rotation_->value()};
  std::array<double, 9> current{1, 0, 0, 0, 1, 0, 0, 0, 1};  // identity for a pair align skipped
  for (const auto& t : project_->catalog().transforms())
    if (t.sourceFrame == frame_) current = t.matrix;
  workflow::AlignmentOverride change;
  change.sourceFrame = frame_;
  change.matrix = composeNudge(current, nudge, fullSize_.width(), fullSize_.height());
  change.width = fullSize_.width();
  change.height = fullSize_.height();
  change.reason = QStringLiteral("manual override by %1 (shift %2, %3 px, scale %4, rotate %5°)")
                      .arg(QString::fromStdString(project_->operatorName()))
                      .arg(nudge.dx)
                      .arg(nudge.dy)
                      .arg(nudge.scale)
                      .arg(nudge.degrees)
                      .toStdString();
  change.referenceFrame = -1;
  for (const auto& m : project_->catalog().mapping())
    if (m.sourceFrame == frame_) change.referenceFrame = m.referenceFrame;
  auto reference = project_->element(ElementRole::Reference);
  if (!reference || change.referenceFrame < 0) {
    project_->reportError(QStringLiteral("Frame %1 has no reference frame to align: match it first.").arg(frame_));
    return false;
  }
  // The workflow writes the aligned frame training reads, transforms.json and the catalog's
  // row, in that order, on the worker.
  const workflow::ProjectLayout layout = project_->layout();
  const std::string projectDir = project_->dir().toStdString();
  overrideJob_->start([=](const JobContext&) -> WorkerJob::Deliver {
    project::ProjectCatalog catalog(projectDir);
    workflow::applyAlignmentOverride(layout, *reference, change, &catalog);
    const int frame = change.sourceFrame;
    return [this, frame]() {
      project_->notifyTransformsChanged();
      project_->reopenElements();
      project_->reportStatus(QStringLiteral("override stored and frame %1 re-aligned").arg(frame));
    };
  });
  return true;
}

void AlignmentPanel::startAlign() {
  auto source = project_->element(ElementRole::Source);
  auto reference = project_->element(ElementRole::Reference);
  if (!project_->isOpen() || !source || !reference) {
    project_->reportError(QStringLiteral("Aligning needs a source and a reference element: add both first."));
    return;
  }
  if (!QFileInfo::exists(project_->mappingPath())) {
    project_->reportError(QStringLiteral("Aligning needs the mapping: run Match first."));
    return;
  }
  align::AlignOptions options;
  options.registration.model = align::motionModelFromName(motionModel_->currentText().toStdString());
  options.mappingPath = project_->mappingPath().toStdString();
  options.transformsPath = project_->transformsPath().toStdString();
  options.threads = std::max(1, QThread::idealThreadCount() - 1);
  const auto rows = project_->catalog().mapping();
  const std::string mappingPath = project_->mappingPath().toStdString();
  const std::string pattern = project_->alignedPattern().toStdString();
  const std::string projectDir = project_->dir().toStdString();
  alignJob_->start([this, source, reference, options, rows, mappingPath, pattern,
                    projectDir](const JobContext& ctx) -> WorkerJob::Deliver {
    match::Mapping mapping = match::readMapping(mappingPath);
    workflow::applyRowFlags(mapping, rows);  // the operator's accept / reject
    // The align stage as recover and `align --project` run it, recorded through this
    // thread's own catalog connection.
    project::ProjectCatalog catalog(projectDir);
    const align::Transforms t =
        workflow::runAlign(source, reference, mapping, pattern, options, &catalog, ctx.progress, ctx.cancel).transforms;
    return [this, t]() {
      project_->notifyTransformsChanged();
      project_->reopenElements();
      syncCropBoxes();
      project_->reportStatus(QStringLiteral("aligned %1 pairs, %2 skipped").arg(t.frames.size()).arg(t.skipped.size()));
    };
  });
}

void AlignmentPanel::setCrop(const Rect& crop) {
  if (!project_->isOpen()) return;
  project_->catalog().setCrop(crop);
  syncCropBoxes();
  project_->reportStatus(QStringLiteral("shared crop %1,%2 – %3,%4").arg(crop.x0).arg(crop.y0).arg(crop.x1).arg(crop.y1));
}

}  // namespace filmrecover::ui
