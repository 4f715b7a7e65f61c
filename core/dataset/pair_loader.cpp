#include "core/dataset/pair_loader.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "core/exec/errors.h"
#include "core/io/frame_source.h"

namespace filmrecover {

namespace {

void requireFrame(const FrameSource& src, const std::string& spec, int frame, const char* role) {
  if (!src.has(frame))
    throw InputError(std::string(role) + " '" + spec + "' has no frame " + std::to_string(frame) + ".");
}

}  // namespace

std::vector<TrainingPair> loadTrainingPairs(const PairSources& sources, const std::vector<int>& frames,
                                            const PairSettings& settings, int threads,
                                            const ProgressCallback& progress,
                                            const CancelToken& cancel) {
  if (frames.empty()) throw InputError("no frames were given to train on.");
  const auto source = FrameSource::open(sources.source);
  const auto target = FrameSource::open(sources.target);
  std::shared_ptr<FrameSource> detail;
  if (!sources.detail.empty() && settings.mode == RecoveryMode::Combined)
    detail = FrameSource::open(sources.detail);
  for (int f : frames) {
    requireFrame(*source, sources.source, f, "the source");
    requireFrame(*target, sources.target, f, "the target");
    if (detail) requireFrame(*detail, sources.detail, f, "the detail target");
  }

  std::vector<TrainingPair> pairs(frames.size());
  std::atomic<size_t> nextIndex{0}, done{0};
  std::mutex errorMutex;
  std::exception_ptr error;
  auto worker = [&] {
    for (;;) {
      const size_t i = nextIndex++;
      if (i >= frames.size()) return;
      try {
        if (cancel.cancelled()) return;
        const int f = frames[i];
        const Image s = source->read(f);
        const Image t = target->read(f);
        Image d;
        if (detail) d = detail->read(f);
        pairs[i] = buildTrainingPair(f, s, t, detail ? &d : nullptr, settings);
        const size_t n = ++done;
        reportProgress(progress, {"load", static_cast<long long>(n),
                                  static_cast<long long>(frames.size()),
                                  "frame " + std::to_string(f) + " loaded"});
      } catch (...) {
        std::lock_guard<std::mutex> lock(errorMutex);
        if (!error) error = std::current_exception();
        nextIndex = frames.size();
      }
    }
  };
  const int n = std::max(1, std::min<int>(threads > 0 ? threads : std::thread::hardware_concurrency(),
                                          static_cast<int>(frames.size())));
  std::vector<std::thread> pool;
  for (int i = 1; i < n; ++i) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  cancel.throwIfCancelled();
  return pairs;
}

}  // namespace filmrecover
