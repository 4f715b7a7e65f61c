#include "core/exec/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/exec/cancel_token.h"

namespace filmrecover {

int resolveThreadCount(int threads) {
  return threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

void parallelFor(int n, int threads, const std::function<void(int)>& fn, const CancelToken* cancel) {
  if (n <= 0) {
    if (cancel) cancel->throwIfCancelled();
    return;
  }
  threads = std::max(1, std::min(resolveThreadCount(threads), n));
  std::atomic<int> next{0};
  std::exception_ptr error;
  std::mutex errorMutex;
  auto worker = [&] {
    for (int i; (i = next.fetch_add(1)) < n;) {
      if (cancel && cancel->cancelled()) {
        next.store(n);
        return;
      }
      try {
        fn(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(errorMutex);
        if (!error) error = std::current_exception();
        next.store(n);
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  if (cancel) cancel->throwIfCancelled();
}

void parallelRanges(int n, int parts, const std::function<void(int part, int begin, int end)>& body) {
  if (n <= 0) return;
  parts = std::max(1, parts);
  const int per = (n + parts - 1) / parts;
  parallelFor(parts, parts, [&](int part) {
    body(part, std::min(n, part * per), std::min(n, (part + 1) * per));
  });
}

}  // namespace filmrecover
