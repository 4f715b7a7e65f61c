#include "ui/jobs/worker_job.h"

#include <QMetaObject>
#include <QPointer>
#include <exception>

#include "core/exec/errors.h"

namespace filmrecover::ui {

namespace {
enum Outcome { kSucceeded, kFailed, kCancelled };
}

WorkerJob::WorkerJob(const QString& name, QObject* parent) : QObject(parent), name_(name) {}

WorkerJob::~WorkerJob() {
  context_.cancel.cancel();
  if (thread_) {
    thread_->wait();
    delete thread_;
  }
}

bool WorkerJob::start(Body body) {
  if (running_) return false;
  if (thread_) {  // the previous run's thread has ended (finished was emitted)
    thread_->wait();
    delete thread_;
    thread_ = nullptr;
  }
  running_ = true;
  context_.cancel = CancelToken();
  context_.progress = [this](const ProgressEvent& e) { postProgress(e); };
  {
    std::lock_guard<std::mutex> lock(progressMutex_);
    pendingProgress_.reset();
  }
  const JobContext context = context_;
  thread_ = QThread::create([this, body = std::move(body), context]() {
    Deliver deliver;
    int outcome = kSucceeded;
    QString message;
    try {
      deliver = body(context);
      if (context.cancel.cancelled()) outcome = kCancelled;
    } catch (const CancelledError&) {
      outcome = kCancelled;
    } catch (const std::exception& e) {
      outcome = kFailed;
      message = QString::fromStdString(e.what());
      if (message.isEmpty()) message = QStringLiteral("%1 failed").arg(name_);
    } catch (...) {
      outcome = kFailed;
      message = QStringLiteral("%1 failed with an unknown error").arg(name_);
    }
    QMetaObject::invokeMethod(
        this, [this, outcome, message, deliver]() { complete(outcome, message, deliver); },
        Qt::QueuedConnection);
  });
  thread_->setObjectName(QStringLiteral("job-%1").arg(name_));
  Q_EMIT started();
  thread_->start();
  return true;
}

void WorkerJob::cancel() { context_.cancel.cancel(); }

bool WorkerJob::waitForThread(int msecs) {
  if (!thread_) return true;
  return msecs < 0 ? thread_->wait() : thread_->wait(QDeadlineTimer(msecs));
}

void WorkerJob::postProgress(const ProgressEvent& event) {
  {
    std::lock_guard<std::mutex> lock(progressMutex_);
    pendingProgress_ = event;
  }
  // One queued call in flight at a time: a job reporting thousands of times a second
  // cannot flood the GUI thread's event queue.
  if (!progressPosted_.exchange(true))
    QMetaObject::invokeMethod(this, [this]() { emitProgress(); }, Qt::QueuedConnection);
}

void WorkerJob::emitProgress() {
  progressPosted_ = false;
  std::optional<ProgressEvent> event;
  {
    std::lock_guard<std::mutex> lock(progressMutex_);
    event.swap(pendingProgress_);
  }
  if (!event || !running_) return;
  Q_EMIT progressed(QString::fromStdString(event->stage), event->done, event->total,
                    QString::fromStdString(event->message));
}

void WorkerJob::complete(int outcome, const QString& message, Deliver deliver) {
  emitProgress();  // the last report before the end
  running_ = false;
  if (outcome == kSucceeded && deliver) {
    try {
      deliver();
    } catch (const std::exception& e) {
      Q_EMIT failed(QString::fromStdString(e.what()));
      Q_EMIT finished();
      return;
    }
  }
  if (outcome == kSucceeded) Q_EMIT succeeded();
  else if (outcome == kCancelled) Q_EMIT cancelled();
  else Q_EMIT failed(message);
  Q_EMIT finished();
}

}  // namespace filmrecover::ui
