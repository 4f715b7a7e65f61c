#include "ui/viewer/frame_loader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>
#include <QThread>
#include <algorithm>
#include <exception>

#include "core/io/frame_source.h"

namespace filmrecover::ui {

FrameLoader::FrameLoader(FrameCache* cache, int threads, QObject* parent)
    : QObject(parent), cache_(cache) {
  if (threads <= 0) threads = std::max(2, QThread::idealThreadCount() - 1);
  pool_.setMaxThreadCount(threads);
}

FrameLoader::~FrameLoader() {
  now_.clear();
  ahead_.clear();
  pool_.waitForDone();
}

bool FrameLoader::skip(const FrameRequest& r) const {
  const auto key = std::make_pair(r.sourceId, r.frame);
  return !r.source || running_.count(key) || errors_.count(key) ||
         cache_->contains(r.sourceId, r.frame);
}

void FrameLoader::requestNow(const std::vector<FrameRequest>& requests) {
  now_.clear();
  for (const FrameRequest& r : requests) {
    const auto key = std::make_pair(r.sourceId, r.frame);
    if (auto it = errors_.find(key); it != errors_.end()) {
      const QString message = it->second;
      QMetaObject::invokeMethod(
          this, [this, r, message] { Q_EMIT frameFailed(r.sourceId, r.frame, message); },
          Qt::QueuedConnection);
    } else if (cache_->contains(r.sourceId, r.frame)) {
      QMetaObject::invokeMethod(
          this, [this, r] { Q_EMIT frameLoaded(r.sourceId, r.frame); }, Qt::QueuedConnection);
    } else if (!running_.count(key)) {
      now_.push_back(r);
    }
  }
  dispatch();
}

void FrameLoader::setReadAhead(const std::vector<FrameRequest>& requests) {
  ahead_.assign(requests.begin(), requests.end());
  dispatch();
}

QString FrameLoader::errorFor(uint64_t sourceId, int frame) const {
  auto it = errors_.find({sourceId, frame});
  return it == errors_.end() ? QString() : it->second;
}

void FrameLoader::forgetSource(uint64_t sourceId) {
  for (auto it = errors_.begin(); it != errors_.end();)
    it = it->first.first == sourceId ? errors_.erase(it) : std::next(it);
}

void FrameLoader::dispatch() {
  const int before = busyCount();
  while (inFlight_ < pool_.maxThreadCount() && (!now_.empty() || !ahead_.empty())) {
    std::deque<FrameRequest>& queue = now_.empty() ? ahead_ : now_;
    FrameRequest r = queue.front();
    queue.pop_front();
    if (skip(r)) continue;
    running_.insert({r.sourceId, r.frame});
    ++inFlight_;
    pool_.start([this, r] {
      std::shared_ptr<const Image> image;
      QString error;
      try {
        image = std::make_shared<const Image>(r.source->read(r.frame));
      } catch (const std::exception& e) {
        error = QString::fromStdString(e.what());
      } catch (...) {
        error = QStringLiteral("frame %1 could not be read").arg(r.frame);
      }
      // The loader outlives its workers (its destructor waits), so `this` is valid here.
      QMetaObject::invokeMethod(
          this, [this, r, image, error] { finished(r, image, error); }, Qt::QueuedConnection);
    });
  }
  if (busyCount() != before) Q_EMIT busyChanged(busyCount());
}

void FrameLoader::finished(const FrameRequest& r, std::shared_ptr<const Image> image,
                           const QString& error) {
  running_.erase({r.sourceId, r.frame});
  --inFlight_;
  if (image) {
    cache_->put(r.sourceId, r.frame, std::move(image));
    Q_EMIT frameLoaded(r.sourceId, r.frame);
  } else {
    errors_[{r.sourceId, r.frame}] = error;
    Q_EMIT frameFailed(r.sourceId, r.frame, error);
  }
  dispatch();
  Q_EMIT busyChanged(busyCount());
}

bool FrameLoader::waitForIdle(int timeoutMs) {
  QElapsedTimer timer;
  timer.start();
  while (busyCount() > 0) {
    if (timer.elapsed() > timeoutMs) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QThread::msleep(1);
  }
  QCoreApplication::processEvents();
  return true;
}

}  // namespace filmrecover::ui
