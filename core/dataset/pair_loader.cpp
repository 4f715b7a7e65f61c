#include "core/dataset/pair_loader.h"

#include <algorithm>
#include <atomic>
#include <memory>

#include "core/exec/errors.h"
#include "core/exec/parallel_for.h"
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
  std::atomic<size_t> done{0};
  parallelFor(static_cast<int>(frames.size()), threads, [&](int i) {
    const int f = frames[static_cast<size_t>(i)];
    const Image s = source->read(f);
    const Image t = target->read(f);
    Image d;
    if (detail) d = detail->read(f);
    pairs[static_cast<size_t>(i)] = buildTrainingPair(f, s, t, detail ? &d : nullptr, settings);
    reportProgress(progress, {"load", static_cast<long long>(++done), static_cast<long long>(frames.size()),
                              "frame " + std::to_string(f) + " loaded"});
  }, &cancel);
  return pairs;
}

}  // namespace filmrecover
