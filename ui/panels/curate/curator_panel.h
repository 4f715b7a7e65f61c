#pragma once
// The contact-sheet curator: a virtualized grid of pair thumbnails on which the operator
// marks training, hold-out and rejected pairs (mouse or T / H / R / U keys), filters the
// sheet and asks for a diverse suggestion (the curate command's k-centre selection).
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QListView;
class QPushButton;
class QSlider;
class QSpinBox;

namespace filmrecover::ui {

class JobBar;
class PairSheetModel;
class ProjectContext;
class SheetDelegate;
class SheetFilterModel;
class ThumbnailCache;
class WorkerJob;

//! The curation panel.
class CuratorPanel : public QWidget {
  Q_OBJECT
 public:
  explicit CuratorPanel(ProjectContext* project, QWidget* parent = nullptr);

  //! Marks the selected pairs ("train", "holdout", "rejected"; "" clears) in the catalog.
  void markSelected(const QString& decision);
  //! Starts the suggestion of `train` + `holdout` pairs on a worker.
  void suggest();
  //! Selects the pairs of these source frames (replacing the selection).
  void selectFrames(const std::vector<int>& frames);

  QListView* view() const { return view_; }
  PairSheetModel* model() const { return model_; }
  SheetFilterModel* filter() const { return filter_; }
  ThumbnailCache* thumbnails() const { return thumbnails_; }
  WorkerJob* suggestJob() const { return suggestJob_; }
  QSpinBox* trainCount() const { return trainCount_; }
  QSpinBox* holdoutCount() const { return holdoutCount_; }
  QPushButton* suggestButton() const { return suggestButton_; }
  QAction* markTrainAction() const { return markTrain_; }
  QAction* markHoldoutAction() const { return markHoldout_; }
  QAction* markRejectAction() const { return markReject_; }
  QAction* clearAction() const { return clear_; }
  //! The counts line ("train 12 · hold-out 3 · …").
  QString countsText() const;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void reload();
  void reloadDecisions();
  void updateReader();
  void updateCounts();
  void updateShots();

  ProjectContext* project_;
  ThumbnailCache* thumbnails_;
  PairSheetModel* model_;
  SheetFilterModel* filter_;
  SheetDelegate* delegate_;
  QListView* view_;
  QComboBox* show_;
  QComboBox* shot_;
  QSlider* size_;
  QLabel* counts_;
  QSpinBox* trainCount_;
  QSpinBox* holdoutCount_;
  QPushButton* suggestButton_;
  JobBar* jobBar_;
  WorkerJob* suggestJob_;
  QAction* markTrain_;
  QAction* markHoldout_;
  QAction* markReject_;
  QAction* clear_;
  QAction* showInViewer_;
  std::vector<int> cuts_;
};

}  // namespace filmrecover::ui
