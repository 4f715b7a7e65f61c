#pragma once
// The render panel: choose a model, a frame set, an output pattern and format, and whether
// the recovered colour is steadied and guided as `recover` does it (both on); queue several
// renders; see per-frame progress with the time left; cancel; open a result in the viewer
// against the source.
#include <QWidget>
#include <deque>

#include "ui/jobs/eta_estimator.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace filmrecover::ui {

class ProjectContext;
class WorkerJob;

//! One queued render.
struct RenderItem {
  qint64 runId = 0;          //!< training run of the model (0 = a model file from elsewhere)
  QString model;             //!< model file
  QString frames;            //!< frame set ("" = every source frame)
  QString output;            //!< output pattern
  QString format;            //!< exr-half | exr-float | dpx | tif | png
  bool stabilise = true;     //!< chroma, combined: colour filtered along the source's motion (as recover does)
  bool chromaGuide = true;   //!< chroma, combined: the colour through the luma-guided filter (as recover does)
  QString status = QStringLiteral("queued");  //!< queued | running | done | failed | cancelled
  qint64 done = 0, total = 0;
  QString eta;
  QString message;
};

//! The render panel and its queue.
class RenderPanel : public QWidget {
  Q_OBJECT
 public:
  explicit RenderPanel(ProjectContext* project, QWidget* parent = nullptr);
  ~RenderPanel() override;

  //! Queues a render with the form's values; starts it when nothing runs. False when the form
  //! is incomplete (an error is reported).
  bool enqueueFromForm();
  //! Queues `item`.
  void enqueue(const RenderItem& item);
  //! Cancels the running render (the frames written stay).
  void cancelCurrent();
  //! Opens the result of queue row `row` in the viewer against the source.
  void openInViewer(int row);

  const std::deque<RenderItem>& queue() const { return queue_; }
  WorkerJob* job() const { return job_; }
  QComboBox* modelBox() const { return model_; }
  QLineEdit* framesEdit() const { return frames_; }
  QLineEdit* outputEdit() const { return output_; }
  QComboBox* formatBox() const { return format_; }
  QCheckBox* stabiliseBox() const { return stabilise_; }
  QCheckBox* chromaGuideBox() const { return chromaGuide_; }
  QPushButton* queueButton() const { return queueButton_; }
  QTableWidget* queueTable() const { return table_; }

 private:
  void startNext();
  void refreshModels();
  void refreshTable();
  void suggestOutput();
  //! True when a queued or running render writes into the folder of `pattern`.
  bool queuedRenderWritesTo(const QString& pattern) const;

  ProjectContext* project_;
  QComboBox* model_;
  QLineEdit* frames_;
  QLineEdit* output_;
  QComboBox* format_;
  QCheckBox* stabilise_;
  QCheckBox* chromaGuide_;
  QPushButton* queueButton_;
  QPushButton* cancelButton_;
  QPushButton* removeButton_;
  QPushButton* viewButton_;
  QTableWidget* table_;
  WorkerJob* job_;
  std::deque<RenderItem> queue_;
  int running_ = -1;
  EtaEstimator eta_;
};

}  // namespace filmrecover::ui
