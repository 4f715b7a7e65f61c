#pragma once
// The settings of a training run as a form: every field of the engine's TrainSettings that
// an operator steers (mode, preset, steps, batch, crop, learning rate, schedule, warm-up,
// augmentation, loss, validation / preview / checkpoint intervals, device, threads, seed).
#include <QWidget>

#include "core/train/train_settings.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace filmrecover::ui {

//! Form bound to a TrainSettings value.
class TrainSettingsForm : public QWidget {
  Q_OBJECT
 public:
  explicit TrainSettingsForm(QWidget* parent = nullptr);
  //! The settings the form shows.
  TrainSettings settings() const;
  //! Shows `settings`.
  void setSettings(const TrainSettings& settings);

  QComboBox* modeBox() const { return mode_; }
  QSpinBox* stepsBox() const { return steps_; }
  QSpinBox* batchBox() const { return batch_; }
  QSpinBox* cropBox() const { return crop_; }
  QComboBox* presetBox() const { return preset_; }
  QSpinBox* previewEveryBox() const { return previewEvery_; }
  QSpinBox* validateEveryBox() const { return validateEvery_; }
  QSpinBox* threadsBox() const { return threads_; }

 Q_SIGNALS:
  void changed();

 private:
  QComboBox *mode_, *preset_, *schedule_, *loss_, *device_;
  QSpinBox *steps_, *batch_, *crop_, *warmup_, *validateEvery_, *previewEvery_, *checkpointEvery_, *threads_, *seed_,
      *median_;
  QDoubleSpinBox *lr_, *scaleJitter_, *exposure_;
  QCheckBox *flip_, *subpixel_, *clamp_;
  QLineEdit* initialWeights_;
};

}  // namespace filmrecover::ui
