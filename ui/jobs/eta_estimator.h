#pragma once
// Rate and time-left of a job from its progress reports.
#include <QElapsedTimer>
#include <QString>

namespace filmrecover::ui {

//! Estimates units per second and the time left from (done, total) reports, smoothing the
//! rate over the whole run so one slow frame does not make the estimate jump.
class EtaEstimator {
 public:
  //! Starts timing a run.
  void start();
  //! Records that `done` of `total` units are finished.
  void update(long long done, long long total);
  //! Units per second so far (0 before two reports).
  double rate() const { return rate_; }
  //! Seconds left (-1 when unknown).
  double secondsLeft() const;
  //! "1:05 left", "42 s left" or "" when unknown.
  QString text() const;
  //! Formats seconds as "42 s", "3:07" or "1:02:03".
  static QString formatDuration(double seconds);

 private:
  QElapsedTimer timer_;
  long long firstDone_ = -1, done_ = 0, total_ = 0;
  double firstAt_ = 0, rate_ = 0;
};

}  // namespace filmrecover::ui
