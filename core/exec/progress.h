#pragma once
#include <functional>
#include <string>

namespace filmrecover {

//! One progress report from a job: `done` of `total` units in `stage`, with a message
//! such as "frame 1017 done". Called from worker threads: receivers must be thread-safe.
struct ProgressEvent {
  std::string stage;
  long long done = 0;
  long long total = 0;
  std::string message;
};

//! Receiver of progress; an empty function means nobody listens.
using ProgressCallback = std::function<void(const ProgressEvent&)>;

//! Calls `cb` when set; keeps call sites free of null checks.
inline void reportProgress(const ProgressCallback& cb, const ProgressEvent& e) {
  if (cb) cb(e);
}

}  // namespace filmrecover
