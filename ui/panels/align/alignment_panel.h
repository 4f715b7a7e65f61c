#pragma once
// The alignment view: per pair, the difference of source and aligned reference (near black
// when right), the registration's residual, a manual nudge stored as an override, and the
// shared crop drawn and edited.
#include <QWidget>

#include "core/image/image.h"
#include "ui/panels/align/alignment_view.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace filmrecover::ui {

class JobBar;
class ProjectContext;
class WorkerJob;

//! The alignment panel.
class AlignmentPanel : public QWidget {
  Q_OBJECT
 public:
  explicit AlignmentPanel(ProjectContext* project, QWidget* parent = nullptr);

  //! Shows the pair of source frame `frame` (loaded on a worker; the newest request wins).
  void showPair(int frame);
  int currentFrame() const { return frame_; }
  //! Stores the current nudge as the pair's transform override in the catalog.
  bool storeOverride();
  //! Sets and stores the shared crop.
  void setCrop(const Rect& crop);
  //! Registers every usable pair on a worker (the align command): aligned frames,
  //! transforms.json, the catalog's transforms and shared crop.
  void startAlign();

  WorkerJob* alignJob() const { return alignJob_; }
  QPushButton* alignButton() const { return alignButton_; }
  //! The job that re-warps a frame after an override.
  WorkerJob* overrideJob() const { return overrideJob_; }

  AlignmentView* view() const { return view_; }
  WorkerJob* loadJob() const { return loadJob_; }
  QString residualText() const;
  QDoubleSpinBox* nudgeX() const { return dx_; }
  QDoubleSpinBox* nudgeY() const { return dy_; }
  QDoubleSpinBox* nudgeScale() const { return scale_; }
  QDoubleSpinBox* nudgeRotation() const { return rotation_; }

 private:
  void reloadPairs();
  void updateResidual();
  void nudgeChanged();
  void syncCropBoxes();

  ProjectContext* project_;
  AlignmentView* view_;
  QSpinBox* frameBox_;
  QComboBox* modeBox_;
  QDoubleSpinBox* gain_;
  QLabel* residual_;
  QDoubleSpinBox *dx_, *dy_, *scale_, *rotation_;
  QSpinBox *cropX0_, *cropY0_, *cropX1_, *cropY1_;
  QPushButton* storeButton_;
  QPushButton* alignButton_;
  QComboBox* motionModel_;
  JobBar* jobBar_;
  WorkerJob* loadJob_;
  WorkerJob* alignJob_;
  WorkerJob* overrideJob_;
  std::vector<int> frames_;
  int frame_ = -1;
  int pendingFrame_ = -1;
  QSize fullSize_;
};

//! The 3x3 row-major matrix of `nudge` applied after `matrix` (reference -> source pixels).
std::array<double, 9> composeNudge(const std::array<double, 9>& matrix, const Nudge& nudge, int width, int height);

}  // namespace filmrecover::ui
