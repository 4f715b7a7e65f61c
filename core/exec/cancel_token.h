#pragma once
#include <atomic>
#include <memory>

#include "core/exec/errors.h"

namespace filmrecover {

//! Cancellation is an atomic flag the job polls; never a queued signal, which could
//! arrive after the job has ended. Copies share one flag.
class CancelToken {
 public:
  CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  //! Ask the job to stop at its next check.
  void cancel() { flag_->store(true); }
  //! True once cancel() was called on any copy.
  bool cancelled() const { return flag_->load(); }
  //! Throws CancelledError when cancelled; call between units of work.
  void throwIfCancelled() const {
    if (cancelled()) throw CancelledError();
  }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

}  // namespace filmrecover
