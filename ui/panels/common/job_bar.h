#pragma once
// A progress bar, a status line with rate and time left, and a Cancel button for one job.
#include <QWidget>

#include "ui/jobs/eta_estimator.h"

class QLabel;
class QProgressBar;
class QToolButton;

namespace filmrecover::ui {

class WorkerJob;

//! Shows what a WorkerJob is doing and lets the user cancel it. Hidden details: when the
//! job ends the bar stays with the outcome ("done", "cancelled", the error message).
class JobBar : public QWidget {
  Q_OBJECT
 public:
  explicit JobBar(QWidget* parent = nullptr);
  //! Follows `job` (several jobs may be followed one after another, not at once).
  void follow(WorkerJob* job);
  //! The status text shown (for tests).
  QString statusText() const;
  //! The bar's value and maximum.
  int value() const;
  int maximum() const;

 private:
  void onProgress(const QString& stage, qint64 done, qint64 total, const QString& message);

  QProgressBar* bar_;
  QLabel* status_;
  QToolButton* cancel_;
  WorkerJob* job_ = nullptr;
  EtaEstimator eta_;
  QString stage_;
};

}  // namespace filmrecover::ui
