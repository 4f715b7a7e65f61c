#include "ui/panels/train/train_settings_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "ui/jobs/training_runner.h"

namespace filmrecover::ui {

namespace {

QSpinBox* intBox(QWidget* parent, int lo, int hi, int step, const QString& tip) {
  auto* s = new QSpinBox(parent);
  s->setRange(lo, hi);
  s->setSingleStep(step);
  s->setToolTip(tip);
  s->setAccelerated(true);
  return s;
}

QLabel* section(const QString& text, QWidget* parent) {
  auto* l = new QLabel(text.toUpper(), parent);
  l->setStyleSheet(QStringLiteral("color:#8a8a92; font-size:8pt; font-weight:600; padding-top:6px"));
  return l;
}

}  // namespace

TrainSettingsForm::TrainSettingsForm(QWidget* parent) : QWidget(parent) {
  mode_ = new QComboBox(this);
  mode_->addItem(QStringLiteral("Chroma (colour from reference)"), QStringLiteral("chroma"));
  mode_->addItem(QStringLiteral("Spatial (detail from reference)"), QStringLiteral("spatial"));
  mode_->addItem(QStringLiteral("Combined"), QStringLiteral("combined"));
  preset_ = new QComboBox(this);
  preset_->addItem(QStringLiteral("S (fast)"), QStringLiteral("S"));
  preset_->addItem(QStringLiteral("M"), QStringLiteral("M"));
  preset_->addItem(QStringLiteral("L (best)"), QStringLiteral("L"));
  steps_ = intBox(this, 1, 1000000, 100, QStringLiteral("Optimiser steps in total"));
  batch_ = intBox(this, 1, 64, 1, QStringLiteral("Crops per step"));
  crop_ = intBox(this, 16, 2048, 16, QStringLiteral("Square crop side (multiple of 4); 256 when the picture area is small"));
  lr_ = new QDoubleSpinBox(this);
  lr_->setDecimals(6);
  lr_->setRange(1e-6, 1.0);
  lr_->setSingleStep(1e-4);
  lr_->setToolTip(QStringLiteral("Peak learning rate (Adam)"));
  schedule_ = new QComboBox(this);
  schedule_->addItem(QStringLiteral("Cosine decay"), QStringLiteral("cosine"));
  schedule_->addItem(QStringLiteral("Constant"), QStringLiteral("constant"));
  warmup_ = intBox(this, 0, 100000, 50, QStringLiteral("Linear warm-up steps from lr/100"));
  loss_ = new QComboBox(this);
  loss_->addItem(QStringLiteral("L1"), QStringLiteral("l1"));
  loss_->addItem(QStringLiteral("L1 + SSIM"), QStringLiteral("l1+ssim"));
  loss_->addItem(QStringLiteral("L1 + frequency"), QStringLiteral("l1+frequency"));
  flip_ = new QCheckBox(QStringLiteral("Horizontal flip"), this);
  subpixel_ = new QCheckBox(QStringLiteral("Sub-pixel translate"), this);
  scaleJitter_ = new QDoubleSpinBox(this);
  scaleJitter_->setRange(0, 0.5);
  scaleJitter_->setSingleStep(0.05);
  scaleJitter_->setPrefix(QStringLiteral("± "));
  exposure_ = new QDoubleSpinBox(this);
  exposure_->setRange(0, 0.5);
  exposure_->setSingleStep(0.05);
  exposure_->setPrefix(QStringLiteral("± "));
  median_ = intBox(this, 0, 15, 1, QStringLiteral("Median pre-filter on the reference (chroma: 3–10 kills dust and blocks; spatial: 0)"));
  clamp_ = new QCheckBox(QStringLiteral("Clamp highlights to [0,1]"), this);
  validateEvery_ = intBox(this, 0, 100000, 50, QStringLiteral("Hold-out loss every N steps"));
  previewEvery_ = intBox(this, 0, 100000, 50, QStringLiteral("Preview crops every N steps (0 = never)"));
  checkpointEvery_ = intBox(this, 0, 1000000, 500, QStringLiteral("Checkpoint every N steps (0 = only at the end)"));
  device_ = new QComboBox(this);
  device_->addItem(QStringLiteral("Auto"), QStringLiteral("auto"));
  device_->addItem(QStringLiteral("CPU"), QStringLiteral("cpu"));
  device_->addItem(QStringLiteral("CUDA"), QStringLiteral("cuda"));
  threads_ = intBox(this, 1, 256, 1, QStringLiteral("LibTorch threads; one core is kept for the interface"));
  seed_ = intBox(this, 0, 1 << 30, 1, QStringLiteral("Same seed + same data = same run"));
  initialWeights_ = new QLineEdit(this);
  initialWeights_->setPlaceholderText(QStringLiteral("fresh network"));
  auto* browse = new QToolButton(this);
  browse->setText(QStringLiteral("…"));
  auto* weightsRow = new QHBoxLayout;
  weightsRow->setContentsMargins(0, 0, 0, 0);
  weightsRow->addWidget(initialWeights_, 1);
  weightsRow->addWidget(browse);

  auto* form = new QFormLayout(this);
  form->setLabelAlignment(Qt::AlignRight);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->setVerticalSpacing(4);
  form->addRow(section(QStringLiteral("Model"), this));
  form->addRow(QStringLiteral("Mode"), mode_);
  form->addRow(QStringLiteral("Size"), preset_);
  form->addRow(QStringLiteral("Start from"), weightsRow);
  form->addRow(section(QStringLiteral("Optimiser"), this));
  form->addRow(QStringLiteral("Steps"), steps_);
  form->addRow(QStringLiteral("Batch"), batch_);
  form->addRow(QStringLiteral("Crop"), crop_);
  form->addRow(QStringLiteral("Learning rate"), lr_);
  form->addRow(QStringLiteral("Schedule"), schedule_);
  form->addRow(QStringLiteral("Warm-up"), warmup_);
  form->addRow(QStringLiteral("Loss"), loss_);
  form->addRow(section(QStringLiteral("Data"), this));
  form->addRow(QString(), flip_);
  form->addRow(QString(), subpixel_);
  form->addRow(QStringLiteral("Scale jitter"), scaleJitter_);
  form->addRow(QStringLiteral("Exposure"), exposure_);
  form->addRow(QStringLiteral("Median"), median_);
  form->addRow(QString(), clamp_);
  form->addRow(section(QStringLiteral("Intervals"), this));
  form->addRow(QStringLiteral("Validate every"), validateEvery_);
  form->addRow(QStringLiteral("Preview every"), previewEvery_);
  form->addRow(QStringLiteral("Checkpoint every"), checkpointEvery_);
  form->addRow(section(QStringLiteral("Compute"), this));
  form->addRow(QStringLiteral("Device"), device_);
  form->addRow(QStringLiteral("Threads"), threads_);
  form->addRow(QStringLiteral("Seed"), seed_);

  TrainSettings defaults;
  defaults.threads = TrainingRunner::trainingThreads();
  setSettings(defaults);

  connect(browse, &QToolButton::clicked, this, [this]() {
    const QString f = QFileDialog::getOpenFileName(this, QStringLiteral("Start from model"), QString(),
                                                   QStringLiteral("filmrecover models (*.frm);;All files (*)"));
    if (!f.isEmpty()) initialWeights_->setText(f);
  });
  for (QSpinBox* s : findChildren<QSpinBox*>()) connect(s, qOverload<int>(&QSpinBox::valueChanged), this, &TrainSettingsForm::changed);
  for (QComboBox* c : findChildren<QComboBox*>()) connect(c, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrainSettingsForm::changed);
}

TrainSettings TrainSettingsForm::settings() const {
  TrainSettings s;
  s.mode = parseRecoveryMode(mode_->currentData().toString().toStdString());
  s.preset = parseModelPreset(preset_->currentData().toString().toStdString());
  s.steps = steps_->value();
  s.batch = batch_->value();
  s.crop = crop_->value();
  s.lr = lr_->value();
  s.schedule = schedule_->currentData().toString().toStdString();
  s.warmupSteps = warmup_->value();
  s.loss = parseLossKind(loss_->currentData().toString().toStdString());
  s.augmentation.horizontalFlip = flip_->isChecked();
  s.augmentation.subpixelTranslate = subpixel_->isChecked();
  s.augmentation.scaleJitter = scaleJitter_->value();
  s.augmentation.exposure = exposure_->value();
  s.medianPrefilter = median_->value();
  s.clampHighlights = clamp_->isChecked();
  s.validateEvery = validateEvery_->value();
  s.previewEvery = previewEvery_->value();
  s.checkpointEvery = checkpointEvery_->value();
  s.device = parseDeviceChoice(device_->currentData().toString().toStdString());
  s.threads = threads_->value();
  s.seed = static_cast<unsigned long long>(seed_->value());
  s.initialWeights = initialWeights_->text().trimmed().toStdString();
  s.holdoutCrop = std::min(s.holdoutCrop, s.crop);
  return s;
}

void TrainSettingsForm::setSettings(const TrainSettings& s) {
  auto select = [](QComboBox* box, const std::string& value) {
    const int i = box->findData(QString::fromStdString(value));
    if (i >= 0) box->setCurrentIndex(i);
  };
  select(mode_, toString(s.mode));
  select(preset_, toString(s.preset));
  steps_->setValue(int(std::min<long long>(s.steps, steps_->maximum())));
  batch_->setValue(s.batch);
  crop_->setValue(s.crop);
  lr_->setValue(s.lr);
  select(schedule_, s.schedule);
  warmup_->setValue(int(s.warmupSteps));
  select(loss_, toString(s.loss));
  flip_->setChecked(s.augmentation.horizontalFlip);
  subpixel_->setChecked(s.augmentation.subpixelTranslate);
  scaleJitter_->setValue(s.augmentation.scaleJitter);
  exposure_->setValue(s.augmentation.exposure);
  median_->setValue(s.medianPrefilter);
  clamp_->setChecked(s.clampHighlights);
  validateEvery_->setValue(int(s.validateEvery));
  previewEvery_->setValue(int(s.previewEvery));
  checkpointEvery_->setValue(int(s.checkpointEvery));
  select(device_, toString(s.device));
  threads_->setValue(s.threads > 0 ? s.threads : TrainingRunner::trainingThreads());
  seed_->setValue(int(s.seed));
  initialWeights_->setText(QString::fromStdString(s.initialWeights));
}

}  // namespace filmrecover::ui
