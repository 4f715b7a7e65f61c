#include "core/match/match_sources.h"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "core/exec/errors.h"
#include "core/match/descriptor_set.h"
#include "core/match/temporal_matcher.h"

namespace filmrecover::match {

namespace fs = std::filesystem;

namespace {

std::string fileStamp(const std::string& path) {
  std::error_code ec;
  if (path.empty() || !fs::exists(path, ec)) return "-";
  const auto size = fs::file_size(path, ec);
  const auto time = fs::last_write_time(path, ec).time_since_epoch().count();
  return std::to_string(size) + "@" + std::to_string(time);
}

std::string timecodeOf(const ImageAttributes& metadata) {
  for (const char* key : {"smpte:TimeCode", "dpx:TimeCode", "timecode", "TimeCode"}) {
    auto it = metadata.find(key);
    if (it != metadata.end() && !it->second.empty()) return it->second;
  }
  return "";
}

}  // namespace

FrameAccess fromFrameSource(std::shared_ptr<FrameSource> source) {
  const SourceInfo& info = source->info();
  FrameAccess a;
  a.spec = info.spec;
  a.frames = info.frames;
  a.width = info.width;
  a.height = info.height;
  a.frameRate = info.frameRate;
  a.timecode = timecodeOf(info.metadata);
  std::string key = "v1|" + info.spec + "|" + std::to_string(info.width) + "x" + std::to_string(info.height) +
                    "|" + std::to_string(info.frames.size());
  if (!info.frames.empty()) {
    key += "|" + std::to_string(info.frames.front()) + "-" + std::to_string(info.frames.back());
    if (info.kind == "movie") {
      key += "|" + fileStamp(info.pattern.empty() ? info.spec : info.pattern);
    } else {
      for (int f : {info.frames.front(), info.frames[info.frames.size() / 2], info.frames.back()})
        key += "|" + fileStamp(source->framePath(f));
    }
  }
  a.cacheKey = key;
  a.read = [source](int frame) { return source->read(frame); };
  return a;
}

bool startTimecodeFrames(const std::string& timecode, double rate, long long& frames) {
  int h, m, s, f;
  char c1, c2, c3;
  if (std::sscanf(timecode.c_str(), "%d%c%d%c%d%c%d", &h, &c1, &m, &c2, &s, &c3, &f) != 7) return false;
  const long long fps = std::llround(rate > 0 ? rate : 24.0);
  frames = ((h * 60LL + m) * 60LL + s) * fps + f;
  return true;
}

Mapping matchSources(const FrameAccess& source, const FrameAccess& reference, const MatchOptions& options,
                     const CancelToken& cancel, const ProgressCallback& progress) {
  if (source.frames.empty()) throw InputError("source " + source.spec + " has no frames");
  if (reference.frames.empty()) throw InputError("reference " + reference.spec + " has no frames");
  const DescriptorSet S = loadOrExtractDescriptors(source, options.cacheDir, options.threads, cancel,
                                                   progress, "describe source");
  const DescriptorSet R = loadOrExtractDescriptors(reference, options.cacheDir, options.threads, cancel,
                                                   progress, "describe reference");
  reportProgress(progress, ProgressEvent{"match", 0, 1, "aligning"});

  // Timecodes bias the first pass when both elements carry one at the same rate.
  bool hasTc = false;
  double tcOffset = 0;
  std::string hint;
  if (options.useTimecode && !source.timecode.empty() && !reference.timecode.empty()) {
    long long s0 = 0, r0 = 0;
    const bool sameRate = source.frameRate <= 0 || reference.frameRate <= 0 ||
                          std::fabs(source.frameRate - reference.frameRate) < 0.01;
    if (sameRate && startTimecodeFrames(source.timecode, source.frameRate, s0) &&
        startTimecodeFrames(reference.timecode, reference.frameRate, r0)) {
      hasTc = true;
      tcOffset = double(reference.frames.front() - source.frames.front()) + double(s0 - r0);
      hint = "start timecodes " + source.timecode + " / " + reference.timecode +
             ": reference frame = source frame " + (tcOffset >= 0 ? "+ " : "- ") +
             std::to_string(std::llabs(std::llround(tcOffset))) + " favoured";
    } else {
      hint = "timecodes present but not comparable (different frame rates); not used";
    }
  }
  Mapping m = matchDescriptors(S, R, options, cancel, hasTc, tcOffset);
  m.source = source.spec;
  m.reference = reference.spec;
  m.sourceFrameRate = source.frameRate;
  m.referenceFrameRate = reference.frameRate;
  m.timecodeHint = hint;
  m.sourceDefects = S.defects;
  m.referenceDefects = R.defects;
  reportProgress(progress, ProgressEvent{"match", 1, 1, std::to_string(m.pairs.size()) + " pairs"});
  return m;
}

Mapping matchSources(std::shared_ptr<FrameSource> source, std::shared_ptr<FrameSource> reference,
                     const MatchOptions& options, const CancelToken& cancel, const ProgressCallback& progress) {
  return matchSources(fromFrameSource(std::move(source)), fromFrameSource(std::move(reference)), options,
                      cancel, progress);
}

}  // namespace filmrecover::match
