#pragma once
// The one way core spreads independent pieces of work over threads. Work items here are
// coarse (a frame, a band of rows, a slab of a lattice), so a few std::threads per call cost
// nothing next to them; the engine-only build needs no thread library beyond the standard one.
#include <functional>

namespace filmrecover {

class CancelToken;

//! The number of threads a `threads` option means: itself when positive, else every core.
int resolveThreadCount(int threads);

//! Runs fn(i) for i in [0, n) on `threads` threads (0 = every core; never more than n), the
//! calling thread being one of them. The first exception stops the others from taking new
//! work and is rethrown here. With a cancel token, no new item starts once it is cancelled,
//! and CancelledError is thrown when no item failed.
void parallelFor(int n, int threads, const std::function<void(int)>& fn, const CancelToken* cancel = nullptr);

//! Cuts [0, n) into `parts` contiguous ranges of ceil(n / parts) items (some may be empty)
//! and runs body(part, begin, end) for each, in parallel, as parallelFor does. The cut
//! depends on n and parts only, so per-part sums add up the same way on every machine.
void parallelRanges(int n, int parts, const std::function<void(int part, int begin, int end)>& body);

}  // namespace filmrecover
