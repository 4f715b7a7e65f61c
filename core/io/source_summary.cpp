#include "core/io/source_summary.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <iomanip>
#include <map>
#include <mutex>
#include <sstream>

#include "core/exec/errors.h"
#include "core/exec/parallel_for.h"
#include "core/io/frame_set.h"

namespace filmrecover {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool isColourKey(const std::string& key) {
  const std::string k = lower(key);
  for (const char* word : {"colorspace", "color_space", "colourspace", "chromaticities", "primaries", "transfer",
                           "color_trc", "gamma", "matrix", "color_range", "iccprofile", "icc", "whitepoint",
                           "colorimetric", "decode_matrix", "acesimagecontainerflag", "adoptedneutral",
                           "exif:colorspace", "pix_fmt"})
    if (k.find(word) != std::string::npos) return true;
  return false;
}

std::string rateText(double fps) {
  if (fps <= 0) return "unknown";
  std::ostringstream s;
  s << std::setprecision(6) << fps << " fps";
  return s.str();
}

}  // namespace

ImageAttributes colourMetadata(const ImageAttributes& metadata) {
  ImageAttributes colour;
  for (const auto& [key, value] : metadata)
    if (isColourKey(key)) colour[key] = value.size() > 200 ? "(" + std::to_string(value.size()) + " bytes)" : value;
  return colour;
}

nlohmann::json sourceSummaryJson(const SourceInfo& info) {
  nlohmann::json j;
  j["source"] = info.spec;
  j["kind"] = info.kind;
  j["pattern"] = info.pattern;
  j["codec"] = info.codec;
  j["frames"] = formatFrameSet(info.frames);
  j["count"] = info.frames.size();
  j["first"] = info.frames.empty() ? nlohmann::json() : nlohmann::json(info.frames.front());
  j["last"] = info.frames.empty() ? nlohmann::json() : nlohmann::json(info.frames.back());
  j["missing"] = formatFrameSet(info.missing);
  j["missingCount"] = info.missing.size();
  j["width"] = info.width;
  j["height"] = info.height;
  j["channels"] = info.channels;
  j["dataType"] = info.dataType;
  j["frameRate"] = info.frameRate > 0 ? nlohmann::json(info.frameRate) : nlohmann::json();
  j["colour"] = colourMetadata(info.metadata);
  nlohmann::json metadata = nlohmann::json::object();
  for (const auto& [key, value] : info.metadata)
    metadata[key] = value.size() > 1000 ? "(" + std::to_string(value.size()) + " bytes)" : value;
  j["metadata"] = metadata;
  return j;
}

std::string sourceSummaryText(const SourceInfo& info) {
  std::ostringstream s;
  const auto line = [&s](const std::string& name, const std::string& value) {
    s << std::left << std::setw(12) << (name + ":") << value << '\n';
  };
  line("source", info.spec);
  line("kind", info.kind + (info.codec.empty() ? "" : " (" + info.codec + ")"));
  if (info.kind == "sequence") line("pattern", info.pattern);
  line("frames", formatFrameSet(info.frames));
  line("count", std::to_string(info.frames.size()));
  line("missing", info.missing.empty() ? "none"
                                       : formatFrameSet(info.missing) + " (" + std::to_string(info.missing.size()) + ")");
  line("resolution", std::to_string(info.width) + " x " + std::to_string(info.height));
  line("channels", std::to_string(info.channels));
  line("data type", info.dataType);
  line("frame rate", rateText(info.frameRate));
  const ImageAttributes colour = colourMetadata(info.metadata);
  if (colour.empty()) {
    line("colour", "no colour metadata");
  } else {
    s << "colour:\n";
    for (const auto& [key, value] : colour) s << "  " << key << ": " << value << '\n';
  }
  return s.str();
}

std::vector<FrameDefect> verifyFrames(const FrameSource& source, const std::vector<int>& requested, int threads,
                                      const ProgressCallback& progress, const CancelToken* cancel) {
  std::vector<FrameDefect> defects;
  std::vector<int> frames;
  const auto missing = [&](int f) { defects.push_back(missingFrameDefect(source, f)); };
  if (requested.empty()) {
    frames = source.info().frames;
    for (int f : source.info().missing) missing(f);
  } else {
    for (int f : requested) {
      if (source.has(f)) frames.push_back(f);
      else missing(f);
    }
  }
  // Movies decode one frame at a time anyway; sequences spread over threads.
  std::atomic<long long> done{0};
  std::mutex defectMutex;
  parallelFor(static_cast<int>(frames.size()), source.info().kind == "movie" ? 1 : threads, [&](int i) {
    const int frame = frames[static_cast<size_t>(i)];
    try {
      source.read(frame);
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(defectMutex);
      defects.push_back(defectOf(e, frame, source.framePath(frame)));
    }
    reportProgress(progress, {"verify", ++done, static_cast<long long>(frames.size()),
                              "frame " + std::to_string(frame) + " checked"});
  }, cancel);
  std::stable_sort(defects.begin(), defects.end(),
                   [](const FrameDefect& a, const FrameDefect& b) { return a.frame < b.frame; });
  return defects;
}

std::vector<FrameDefect> suspectFramesBySize(const FrameSource& source) {
  std::vector<FrameDefect> suspects = source.info().unreadableHeaders;
  if (source.info().kind != "sequence") return suspects;
  const auto& frames = source.info().frames;
  std::vector<std::pair<int, std::uintmax_t>> sizes;
  for (int f : frames) {
    std::error_code ec;
    const std::string path = source.framePath(f);
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) continue;  // gone since it was listed: read() will say so
    if (std::any_of(suspects.begin(), suspects.end(), [f](const FrameDefect& d) { return d.frame == f; })) continue;
    if (size == 0) {
      suspects.push_back({f, path, defect::kUnreadable, "frame " + std::to_string(f) + " ('" + path + "') is an empty file"});
      continue;
    }
    sizes.emplace_back(f, size);
  }
  // DPX and Cineon frames of one sequence all have one size; a shorter one is cut.
  // Compressed frames vary with the picture, so nothing is concluded from their sizes.
  const std::string codec = lower(source.info().codec);
  const bool fixedSize = codec == "dpx" || codec == "cineon";
  if (fixedSize && sizes.size() >= 3) {
    std::vector<std::uintmax_t> sorted;
    for (const auto& fs : sizes) sorted.push_back(fs.second);
    std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
    const std::uintmax_t usual = sorted[sorted.size() / 2];
    for (const auto& [f, size] : sizes)
      if (size < usual)
        suspects.push_back({f, source.framePath(f), defect::kTruncated,
                            "frame " + std::to_string(f) + " ('" + source.framePath(f) + "') is " + std::to_string(size) +
                                " bytes, most frames of the sequence " + std::to_string(usual) +
                                " (truncated, or of another size)"});
  }
  std::stable_sort(suspects.begin(), suspects.end(),
                   [](const FrameDefect& a, const FrameDefect& b) { return a.frame < b.frame; });
  return suspects;
}

}  // namespace filmrecover
