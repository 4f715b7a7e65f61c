#pragma once
// A core job run on a worker thread, seen from the GUI thread through queued signals.
#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"

namespace filmrecover::ui {

//! What a job body receives: its cancellation token (the only way to stop it) and a
//! progress callback that may be called from any thread, as often as the job likes.
struct JobContext {
  CancelToken cancel;         //!< poll it (or pass it to the core API); set by WorkerJob::cancel()
  ProgressCallback progress;  //!< thread-safe; coalesced before it reaches the GUI thread
};

//! Runs one core call on its own thread and re-emits what happens as signals on the GUI
//! thread. The body returns a "deliver" function that runs on the GUI thread just before
//! succeeded(), carrying the result without any shared state. Every start ends in exactly
//! one of succeeded / failed / cancelled, then finished. An exception thrown by the body
//! becomes failed(message); CancelledError becomes cancelled().
class WorkerJob : public QObject {
  Q_OBJECT
 public:
  //! Runs on the GUI thread after the body succeeded (may be empty).
  using Deliver = std::function<void()>;
  //! The work; runs on the worker thread.
  using Body = std::function<Deliver(const JobContext&)>;

  explicit WorkerJob(const QString& name, QObject* parent = nullptr);
  //! Cancels a running body and waits for its thread to end.
  ~WorkerJob() override;

  //! Starts `body` on a new thread. Returns false (and starts nothing) when already running.
  bool start(Body body);
  //! Asks the running body to stop: sets its token, the body notices at its next check.
  void cancel();
  //! True from start() until finished() was emitted.
  bool isRunning() const { return running_; }
  //! The job's name ("match", "train", ...).
  QString name() const { return name_; }
  //! The token of the current (or last) run; lets a worker-side helper (e.g. pause) share it.
  CancelToken token() const { return context_.cancel; }
  //! Waits for the thread of the current run to end (tests, shutdown); does not process events.
  bool waitForThread(int msecs = -1);

 Q_SIGNALS:
  //! The body began.
  void started();
  //! The newest progress of the body (older reports that arrived meanwhile are dropped).
  void progressed(const QString& stage, qint64 done, qint64 total, const QString& message);
  //! The body returned; its deliver function has run.
  void succeeded();
  //! The body threw; `message` is the exception's text.
  void failed(const QString& message);
  //! The body stopped because of cancel().
  void cancelled();
  //! After succeeded, failed or cancelled.
  void finished();

 private:
  void postProgress(const ProgressEvent& event);
  void emitProgress();
  void complete(int outcome, const QString& message, Deliver deliver);

  QString name_;
  JobContext context_;
  QThread* thread_ = nullptr;
  bool running_ = false;
  std::mutex progressMutex_;
  std::optional<ProgressEvent> pendingProgress_;
  std::atomic<bool> progressPosted_{false};
};

}  // namespace filmrecover::ui
