#pragma once
#include <atomic>
#include <chrono>
#include <thread>

#include "core/exec/cancel_token.h"

namespace filmrecover {

//! Steering of a running training from another thread (the GUI, a signal handler):
//! pause/resume between steps, stop (checkpoint and model written, run ends normally), or
//! cancel (ends at once with CancelledError; the last checkpoint is kept).
class TrainControl {
 public:
  //! Holds the run before its next step until resume().
  void pause() { paused_ = true; }
  //! Lets a paused run continue.
  void resume() { paused_ = false; }
  //! True while paused.
  bool paused() const { return paused_; }
  //! Asks the run to write a checkpoint and the model at the current step, then end.
  void requestStop() { stop_ = true; }
  //! True once requestStop() was called.
  bool stopRequested() const { return stop_; }
  //! Ends the run as soon as possible without writing more.
  void cancel() { token.cancel(); }
  //! Blocks while paused (returns early on stop or cancel).
  void waitWhilePaused() const {
    while (paused_ && !stop_ && !token.cancelled())
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  //! The cancel flag, shareable with loaders.
  CancelToken token;

 private:
  std::atomic<bool> paused_{false}, stop_{false};
};

}  // namespace filmrecover
