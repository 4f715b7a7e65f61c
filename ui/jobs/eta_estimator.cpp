#include "ui/jobs/eta_estimator.h"

#include <algorithm>
#include <cmath>

namespace filmrecover::ui {

void EtaEstimator::start() {
  timer_.start();
  firstDone_ = -1;
  done_ = total_ = 0;
  rate_ = 0;
}

void EtaEstimator::update(long long done, long long total) {
  if (!timer_.isValid()) timer_.start();
  const double now = timer_.elapsed() / 1000.0;
  if (firstDone_ < 0) {
    // The first report marks the start: time before it is setup (opening, loading a model).
    firstDone_ = done;
    firstAt_ = now;
  } else if (done > firstDone_ && now > firstAt_) {
    rate_ = (done - firstDone_) / (now - firstAt_);
  }
  done_ = done;
  total_ = total;
}

double EtaEstimator::secondsLeft() const {
  if (rate_ <= 0 || total_ <= 0) return -1;
  return std::max(0.0, (total_ - done_) / rate_);
}

QString EtaEstimator::formatDuration(double seconds) {
  const long long s = static_cast<long long>(std::llround(seconds));
  if (s < 60) return QStringLiteral("%1 s").arg(s);
  if (s < 3600) return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1:%2:%3")
      .arg(s / 3600)
      .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
      .arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString EtaEstimator::text() const {
  const double left = secondsLeft();
  if (left < 0) return QString();
  return QStringLiteral("%1 left").arg(formatDuration(left));
}

}  // namespace filmrecover::ui
