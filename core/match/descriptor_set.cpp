#include "core/match/descriptor_set.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"
#include "core/exec/parallel_for.h"
#include "core/match/active_area.h"
#include "core/match/luma.h"
#include "core/opencv/image_mat.h"

namespace filmrecover::match {

namespace fs = std::filesystem;

namespace {

// Bump when the descriptor definition changes: old cache files are then ignored.
constexpr char kMagic[8] = {'F', 'R', 'D', 'E', 'S', 'C', '0', '3'};
constexpr int kAreaWidth = 320;  // luma width used for border detection

// FNV-1a, printed in hex: the same name for the same key on every build and platform.
std::string stableHash(const std::string& key) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

}  // namespace

Rect detectElementActiveArea(const FrameAccess& access, int samples) {
  const int n = static_cast<int>(access.frames.size());
  if (n == 0) return Rect{0, 0, access.width, access.height};
  samples = std::min(samples, n);
  std::vector<Rect> areas(samples);
  std::vector<char> read(samples, 0);
  cv::Size small;
  parallelFor(samples, 0, [&](int k) {
    const int frame = access.frames[static_cast<size_t>((k + 0.5) * n / samples)];
    cv::Mat luma;
    try {
      luma = shrinkToWidth(lumaMat(access.read(frame)), kAreaWidth);
    } catch (const InputError&) {
      return;  // a defective frame; extractDescriptors names it
    }
    areas[k] = detectActiveArea(luma);
    read[k] = 1;
    small = luma.size();
  });
  for (int k = samples - 1; k >= 0; --k)
    if (!read[k]) areas.erase(areas.begin() + k);
  if (areas.empty()) return Rect{0, 0, access.width, access.height};
  const Rect combined = combineActiveAreas(areas, small.width, small.height);
  Rect full = scaleRect(combined, small.width, small.height, access.width, access.height);
  full = insetRect(full, BorderOptions{}.insetFraction);
  return full;
}

DescriptorSet extractDescriptors(const FrameAccess& access, int threads, const CancelToken& cancel,
                                 const ProgressCallback& progress, const std::string& stage) {
  DescriptorSet set;
  set.width = access.width;
  set.height = access.height;
  set.activeArea = detectElementActiveArea(access);
  const int n = static_cast<int>(access.frames.size());
  set.frames.resize(n);
  std::atomic<int> done{0};
  std::vector<char> failed(static_cast<size_t>(n), 0);
  std::mutex defectMutex;
  parallelFor(n, threads, [&](int i) {
    cancel.throwIfCancelled();
    const int frame = access.frames[i];
    try {
      Image image = access.read(frame);
      if (image.width != access.width || image.height != access.height)
        throw FrameDefectError({frame, access.spec, defect::kSize,
                                "frame " + std::to_string(frame) + " of " + access.spec + " is " +
                                    std::to_string(image.width) + "x" + std::to_string(image.height) +
                                    ", not the element's " + std::to_string(access.width) + "x" +
                                    std::to_string(access.height)});
      set.frames[i] = describeFrame(lumaMat(image), set.activeArea, frame);
    } catch (const InputError& e) {
      // Matched around, like a missing frame, and named: never described from garbage.
      failed[static_cast<size_t>(i)] = 1;
      std::lock_guard<std::mutex> lock(defectMutex);
      set.defects.push_back(defectOf(e, frame, access.spec));
    }
    const int d = ++done;
    if (progress && (d % 25 == 0 || d == n))
      progress(ProgressEvent{stage, d, n, "frame " + std::to_string(frame) + " described"});
  });
  if (!set.defects.empty()) {
    std::vector<FrameDescriptor> kept;
    for (size_t i = 0; i < set.frames.size(); ++i)
      if (!failed[i]) kept.push_back(set.frames[i]);
    set.frames = std::move(kept);
    std::sort(set.defects.begin(), set.defects.end(),
              [](const FrameDefect& a, const FrameDefect& b) { return a.frame < b.frame; });
    if (set.frames.empty())
      throw InputError("no frame of " + access.spec + " can be read: " + set.defects.front().message);
  }
  return set;
}

void saveDescriptors(const DescriptorSet& set, const std::string& path) {
  const fs::path target(path);
  fs::create_directories(target.parent_path().empty() ? fs::path(".") : target.parent_path());
  AtomicFile file(path);
  {
    std::ofstream out(file.tempPath(), std::ios::binary);
    if (!out) file.fail("cannot create the descriptor cache");
    out.write(kMagic, sizeof kMagic);
    const int header[7] = {set.width, set.height, set.activeArea.x0, set.activeArea.y0,
                           set.activeArea.x1, set.activeArea.y1, int(set.frames.size())};
    out.write(reinterpret_cast<const char*>(header), sizeof header);
    out.write(reinterpret_cast<const char*>(set.frames.data()),
              std::streamsize(set.frames.size() * sizeof(FrameDescriptor)));
    out.flush();
    if (!out) file.fail("writing the descriptor cache failed");
  }
  file.commit();
}

bool loadDescriptors(const std::string& path, DescriptorSet& set) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  char magic[8];
  int header[7];
  if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof magic) != 0) return false;
  if (!in.read(reinterpret_cast<char*>(header), sizeof header) || header[6] < 0) return false;
  DescriptorSet s;
  s.width = header[0];
  s.height = header[1];
  s.activeArea = Rect{header[2], header[3], header[4], header[5]};
  s.frames.resize(static_cast<size_t>(header[6]));
  if (!in.read(reinterpret_cast<char*>(s.frames.data()),
               std::streamsize(s.frames.size() * sizeof(FrameDescriptor))))
    return false;
  set = std::move(s);
  return true;
}

DescriptorSet loadOrExtractDescriptors(const FrameAccess& access, const std::string& cacheDir,
                                       int threads, const CancelToken& cancel,
                                       const ProgressCallback& progress, const std::string& stage) {
  if (cacheDir.empty() || access.cacheKey.empty())
    return extractDescriptors(access, threads, cancel, progress, stage);
  const std::string path = (fs::path(cacheDir) / (stableHash(access.cacheKey) + ".frdesc")).string();
  DescriptorSet set;
  if (loadDescriptors(path, set) && set.frames.size() == access.frames.size() &&
      set.width == access.width && set.height == access.height) {
    bool same = true;
    for (size_t i = 0; i < set.frames.size() && same; ++i) same = set.frames[i].frame == access.frames[i];
    if (same) {
      reportProgress(progress, ProgressEvent{stage, long(set.frames.size()), long(set.frames.size()),
                                             "descriptors from cache " + path});
      return set;
    }
  }
  set = extractDescriptors(access, threads, cancel, progress, stage);
  if (set.defects.empty()) saveDescriptors(set, path);
  return set;
}

}  // namespace filmrecover::match
