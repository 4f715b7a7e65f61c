#pragma once
// Temporal QC for the supervisor: how steady the sequence under judgement (the viewer's B,
// usually the restored one) is from frame to frame against the viewer's A and the source,
// with the measures `compare` and the report give (core/analysis compareSequences: warping
// error along the source's motion, in R'G'B' and in chroma alone, and colour distribution
// consistency), per frame and per shot, never across a cut. Measured on a worker.
#include <QWidget>

#include "ui/session/source_role.h"

class QCustomPlot;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace filmrecover::analysis {
struct SequenceMetrics;
}

namespace filmrecover::ui {

class JobBar;
class Session;
class WorkerJob;

class TemporalPanel : public QWidget {
  Q_OBJECT
 public:
  explicit TemporalPanel(Session* session, QWidget* parent = nullptr);
  ~TemporalPanel() override;

  //! Starts measuring the viewer's B against A (and the source) over the frames of the
  //! frame box (empty: every frame they share). False, with errorOccurred, when A or B is
  //! missing or the frame set is malformed.
  bool measure();

  QPushButton* measureButton() const { return measure_; }
  QLineEdit* framesEdit() const { return frames_; }
  WorkerJob* job() const { return job_; }
  QCustomPlot* plot() const { return plot_; }
  QTableWidget* shotTable() const { return shots_; }
  QString summaryText() const;

 Q_SIGNALS:
  void errorOccurred(const QString& message);

 private:
  void showMetrics(const analysis::SequenceMetrics& m, SourceRole judged, SourceRole against, bool withSource);

  Session* session_;
  WorkerJob* job_;
  QPushButton* measure_;
  QLineEdit* frames_;
  JobBar* jobBar_;
  QLabel* summary_;
  QCustomPlot* plot_;
  QTableWidget* shots_;
};

}  // namespace filmrecover::ui
