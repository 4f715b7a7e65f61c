#include "core/pipeline/report_temporal.h"

#include <algorithm>

#include "core/analysis/sequence_metrics.h"
#include "core/io/frame_set.h"
#include "core/io/frame_source.h"

namespace filmrecover::pipeline {

std::vector<int> temporalFrames(const std::vector<int>& available, int maxFrames, int run) {
  if (static_cast<int>(available.size()) <= maxFrames || run <= 0) return available;
  const int runs = std::max(1, maxFrames / run);
  std::vector<int> out;
  for (int r = 0; r < runs; ++r) {
    size_t i = available.size() * static_cast<size_t>(r) / static_cast<size_t>(runs);
    if (!out.empty() && available[i] <= out.back()) continue;
    out.push_back(available[i]);
    for (int k = 1; k < run && i + 1 < available.size() && available[i + 1] == available[i] + 1; ++k)
      out.push_back(available[++i]);
  }
  return out;
}

void addTemporalMeasures(report::ReportData& d, const std::vector<TemporalCandidate>& candidates,
                         const FrameSource& aligned, const FrameSource& source, const std::vector<int>& cuts,
                         const ProgressCallback& progress, const CancelToken& cancel) {
  std::vector<int> shared;
  for (int f : aligned.info().frames) {
    bool all = source.has(f);
    for (const auto& c : candidates) all = all && (!c.frames || c.frames->has(f));
    if (all) shared.push_back(f);
  }
  const std::vector<int> frames = temporalFrames(shared);
  bool consecutive = false;
  for (size_t i = 1; i < frames.size(); ++i) consecutive = consecutive || frames[i] == frames[i - 1] + 1;
  if (!consecutive) return;
  analysis::CompareOptions options;
  options.deltaE = false;  // colour accuracy is the hold-out table's job
  options.cuts = cuts;
  for (const auto& c : candidates) {
    if (!c.frames) continue;
    d.temporal.push_back({c.name, analysis::compareSequences(*c.frames, aligned, &source, frames, options, progress,
                                                             cancel)});
  }
  d.temporalFrames = formatFrameSet(frames);
}

}  // namespace filmrecover::pipeline
