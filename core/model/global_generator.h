#pragma once
// LibTorch draws every module's initial weights from one process-wide generator. A training
// seeds it and builds its network from it; any other thread building a network meanwhile (the
// workstation loading a model to view or render while a training starts, a rank fine-tuning
// from a file while rank 0 seeds, both ranks run as threads in a test) draws from it too, and
// the same seed no longer gives the same network: the two-rank test on threads ended 0.16
// away from the one-process run in 7 runs of 120, its last decoder level initialised from
// other numbers (with this lock: 0 of 150). Whoever seeds, and whoever builds a network,
// holds this lock while doing it.
#include <mutex>

namespace filmrecover {

//! The lock on LibTorch's global generator (see above).
std::mutex& globalGeneratorMutex();

}  // namespace filmrecover
