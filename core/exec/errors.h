#pragma once
#include <stdexcept>
#include <string>

namespace filmrecover {

//! Bad usage or bad input: a missing file, a corrupt frame, a wrong pattern or flag.
//! The message is one sentence naming the file, frame or flag. CLI exit status 1.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

//! A failure in the middle of a run (disk full, a frame that fails to render).
//! What finished stays finished. CLI exit status 2.
struct RunError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

//! Thrown by a job that saw its cancellation token set; not an error to report.
struct CancelledError : std::runtime_error {
  CancelledError() : std::runtime_error("cancelled") {}
};

}  // namespace filmrecover
