#pragma once
// Decodes frames on worker threads into the FrameCache. The GUI thread never waits for a
// decode: it asks, and hears back through queued signals.
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "ui/viewer/frame_cache.h"

namespace filmrecover {
class FrameSource;
}

namespace filmrecover::ui {

//! One frame of one source to decode.
struct FrameRequest {
  uint64_t sourceId = 0;
  std::shared_ptr<const FrameSource> source;
  int frame = 0;
};

//! Worker-thread decoding with two queues: frames the viewer needs now (only the newest
//! batch kept, so scrubbing never builds a backlog) and read-ahead for playback.
class FrameLoader : public QObject {
  Q_OBJECT
 public:
  //! Decodes into `cache` (not owned) with `threads` workers (0 = cores - 1, at least 2).
  FrameLoader(FrameCache* cache, int threads = 0, QObject* parent = nullptr);
  ~FrameLoader() override;

  //! The frames needed on screen now; replaces earlier "now" requests not started yet.
  //! Frames already cached or known bad are answered at once (signals emitted queued).
  void requestNow(const std::vector<FrameRequest>& requests);
  //! Frames to decode ahead, in order; replaces the earlier read-ahead list.
  void setReadAhead(const std::vector<FrameRequest>& requests);
  //! The error of a frame that failed to decode, or "" when none.
  QString errorFor(uint64_t sourceId, int frame) const;
  //! Forgets the errors of one source (e.g. after re-opening it).
  void forgetSource(uint64_t sourceId);
  //! Decodes running or waiting.
  int busyCount() const { return inFlight_ + static_cast<int>(now_.size() + ahead_.size()); }
  //! Blocks until nothing is running or queued, delivering results; for tests and benchmarks.
  bool waitForIdle(int timeoutMs);

 Q_SIGNALS:
  //! A frame is in the cache.
  void frameLoaded(quint64 sourceId, int frame);
  //! A frame could not be read; `message` names the file and frame.
  void frameFailed(quint64 sourceId, int frame, const QString& message);
  //! Decodes running or waiting changed (for a progress indicator).
  void busyChanged(int busy);

 private:
  void dispatch();
  void finished(const FrameRequest& request, std::shared_ptr<const Image> image,
                const QString& error);
  bool skip(const FrameRequest& r) const;

  FrameCache* cache_;
  QThreadPool pool_;
  std::deque<FrameRequest> now_;
  std::deque<FrameRequest> ahead_;
  std::set<std::pair<uint64_t, int>> running_;
  std::map<std::pair<uint64_t, int>, QString> errors_;
  int inFlight_ = 0;
};

}  // namespace filmrecover::ui
