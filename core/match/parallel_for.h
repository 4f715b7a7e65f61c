#pragma once
#include <functional>

namespace filmrecover::match {

//! Runs fn(i) for i in [0, n) on `threads` threads (0 = all cores); the first exception
//! stops the others from taking new work and is rethrown here.
void parallelFor(int n, int threads, const std::function<void(int)>& fn);

}  // namespace filmrecover::match
