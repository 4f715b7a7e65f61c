#include "core/io/sequence_source.h"

#include <algorithm>
#include <shared_mutex>

#include <OpenImageIO/ustring.h>

#include "core/exec/errors.h"
#include "core/io/file_completeness.h"
#include "core/io/frame_defect.h"
#include "core/io/non_finite.h"
#include "core/io/one_line.h"
#include "core/io/frame_token.h"
#include "core/io/oiio_cache.h"
#include "core/io/shared_image_cache.h"
#include "core/io/spec_attributes.h"

namespace filmrecover {

namespace {

std::string printfEscape(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '%' ? std::string("%%") : std::string(1, c);
  return out;
}

std::string frameText(int frame, const std::string& path) {
  return "frame " + std::to_string(frame) + " ('" + path + "')";
}

}  // namespace

SequenceSource::SequenceSource(const std::string& spec, const ScannedSequence& scanned,
                               const std::vector<int>& requested)
    : files_(scanned) {
  info_.spec = spec;
  info_.kind = "sequence";
  info_.frames = files_.frames;
  const std::string folderPrefix = files_.folder.empty() ? std::string() : files_.folder + "/";
  if (files_.padding == 0) {
    info_.pattern = printfEscape(folderPrefix + files_.prefix);
  } else {
    info_.pattern = printfEscape(folderPrefix + files_.prefix) +
                    (files_.padding > 1 ? "%0" + std::to_string(files_.padding) + "d" : std::string("%d")) +
                    printfEscape(files_.suffix);
  }
  if (!requested.empty()) {
    std::vector<int> wanted = requested;
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    std::set_difference(wanted.begin(), wanted.end(), info_.frames.begin(), info_.frames.end(),
                        std::back_inserter(info_.missing));
  } else if (!info_.frames.empty()) {
    // Gaps between the first and last frame that exist.
    size_t next = 0;
    for (int f = info_.frames.front(); f <= info_.frames.back(); ++f) {
      if (next < info_.frames.size() && info_.frames[next] == f) ++next;
      else info_.missing.push_back(f);
    }
  }

  auto& cache = sharedImageCache();
  {
    // Files rewritten on disk since they were cached (by another program) are dropped; this
    // checks only files the cache holds, once per opened source, never per read.
    std::unique_lock<SharedCacheGate> exclusive(sharedImageCacheGate());
    cache.invalidate_all(/*force=*/false);
  }
  std::shared_lock<SharedCacheGate> reading(sharedImageCacheGate());
  // The sequence's size and channels are those most of its first, middle and last frames
  // agree on (when they disagree, the next few frames are read too), so that one odd or
  // unreadable frame at the start (an empty file, a test card of another size) is the frame
  // reported, not every other one. Unreadable headers are passed over; only when none of
  // these frames reads is the sequence unreadable.
  const size_t n = files_.files.size();
  std::vector<size_t> probes;
  for (size_t i : {size_t(0), n / 2, n - 1, size_t(1), size_t(2), size_t(3), size_t(4), size_t(5), size_t(6),
                   size_t(7), size_t(8)})
    if (i < n && std::find(probes.begin(), probes.end(), i) == probes.end()) probes.push_back(i);
  const auto sameShape = [](const OIIO::ImageSpec& a, const OIIO::ImageSpec& b) {
    return a.width == b.width && a.height == b.height && a.nchannels == b.nchannels;
  };
  std::vector<std::pair<size_t, OIIO::ImageSpec>> headers;
  std::string firstError;
  const auto agreed = [&] {
    for (size_t a = 0; a < headers.size(); ++a)
      for (size_t b = a + 1; b < headers.size(); ++b)
        if (sameShape(headers[a].second, headers[b].second)) return true;
    return false;
  };
  for (size_t i : probes) {
    // Three headers, two of them alike, are enough; disagreement reads a few more.
    if (headers.size() >= 3 && agreed()) break;
    // A cut file is passed over like an unreadable one, before OIIO opens it: OIIO's PNG
    // reader leaks when libpng meets the end of a file cut inside its header chunks.
    const std::string incomplete = incompleteFileReason(files_.files[i]);
    if (!incomplete.empty()) {
      const std::string message = frameText(files_.frames[i], files_.files[i]) + " " + incomplete;
      if (firstError.empty()) firstError = message;
      info_.unreadableHeaders.push_back({files_.frames[i], files_.files[i], defect::kTruncated, message});
      continue;
    }
    OIIO::ImageSpec spec;
    if (cache.get_imagespec(OIIO::ustring(files_.files[i]), spec, 0, 0, /*native=*/true)) {
      headers.emplace_back(i, spec);
    } else {
      const std::string why = oneLine(cache.geterror());
      const std::string message = frameText(files_.frames[i], files_.files[i]) + " cannot be read: " +
                                  (why.empty() ? std::string("not an image file filmrecover reads") : why);
      if (firstError.empty()) firstError = message;
      info_.unreadableHeaders.push_back({files_.frames[i], files_.files[i], defect::kUnreadable, message});
    }
  }
  if (headers.empty()) throw InputError(firstError);
  size_t chosen = 0;
  long best = -1;
  for (size_t k = 0; k < headers.size(); ++k) {
    const long votes = std::count_if(headers.begin(), headers.end(),
                                     [&](const auto& h) { return sameShape(h.second, headers[k].second); });
    if (votes > best) best = votes, chosen = k;  // ties: the earliest frame
  }
  const std::string first = files_.files[headers[chosen].first];
  const OIIO::ImageSpec header = headers[chosen].second;
  info_.width = header.width;
  info_.height = header.height;
  info_.channels = header.nchannels;
  info_.dataType = dataTypeName(header);
  info_.metadata = attributesFromSpec(header);
  OIIO::ustring format;
  if (cache.get_image_info(OIIO::ustring(first), 0, 0, OIIO::ustring("fileformat"), OIIO::TypeString, &format))
    info_.codec = format.string();
  const float fps = header.get_float_attribute("FramesPerSecond", 0.0f);
  if (fps > 0) info_.frameRate = fps;
}

std::string SequenceSource::framePath(int frame) const {
  const auto it = std::lower_bound(files_.frames.begin(), files_.frames.end(), frame);
  if (it != files_.frames.end() && *it == frame) return files_.files[static_cast<size_t>(it - files_.frames.begin())];
  if (files_.padding == 0) return files_.files.front();
  const std::string folderPrefix = files_.folder.empty() ? std::string() : files_.folder + "/";
  return formatFramePath(folderPrefix + files_.prefix, frame, files_.padding, files_.suffix);
}

Image SequenceSource::read(int frame) const {
  const std::string path = framePath(frame);
  const auto defective = [&](const char* kind, const std::string& what) {
    return FrameDefectError(FrameDefect{frame, path, kind, frameText(frame, path) + " " + what});
  };
  if (!has(frame)) throw defective(defect::kMissing, "is missing from " + info_.spec);
  auto& cache = sharedImageCache();
  const OIIO::ustring name(path);
  // OIIO reads a truncated 10-bit DPX, TIFF, JPEG or PNG without an error (or, for a PNG cut
  // inside its header, through a leaking error path): the file's size is checked against what
  // its headers describe before OIIO opens it.
  const std::string incomplete = incompleteFileReason(path);
  if (!incomplete.empty()) {
    invalidateCachedFile(path);  // a header cached before the cut (by the source's probes)
    throw defective(defect::kTruncated, incomplete);
  }
  std::shared_lock<SharedCacheGate> reading(sharedImageCacheGate());
  OIIO::ImageSpec spec;
  if (!cache.get_imagespec(name, spec)) {
    const std::string why = oneLine(cache.geterror());
    throw defective(defect::kUnreadable, "cannot be read: " + (why.empty() ? std::string("unreadable") : why));
  }
  // A frame unlike the sequence would be resized or mis-registered silently downstream.
  if (spec.width != info_.width || spec.height != info_.height)
    throw defective(defect::kSize, "is " + std::to_string(spec.width) + "x" + std::to_string(spec.height) +
                                       ", the sequence is " + std::to_string(info_.width) + "x" +
                                       std::to_string(info_.height) + " (its usual size)");
  if (spec.nchannels != info_.channels)
    throw defective(defect::kChannels, "has " + std::to_string(spec.nchannels) + " channel(s), the sequence " +
                                           std::to_string(info_.channels));
  Image image;
  image.width = spec.width;
  image.height = spec.height;
  std::vector<float> buffer(static_cast<size_t>(spec.width) * spec.height * spec.nchannels);
  const bool read = cache.get_pixels(name, 0, 0, spec.x, spec.x + spec.width, spec.y, spec.y + spec.height, spec.z,
                                     spec.z + std::max(spec.depth, 1), 0, spec.nchannels, OIIO::TypeDesc::FLOAT,
                                     buffer.data());
  // A reader may return pixels and still have recorded an error (a damaged tile or strip).
  const std::string why = oneLine(cache.geterror());
  if (!read || !why.empty()) {
    // Drop the broken file so a repaired one is read fresh next time.
    reading.unlock();
    invalidateCachedFile(path);
    throw defective(defect::kTruncated, "is truncated or corrupt" + (why.empty() ? std::string() : ": " + why));
  }
  // Only floating-point files can hold NaN or infinity; integer ones skip the pass.
  const bool floating = spec.format.basetype == OIIO::TypeDesc::HALF || spec.format.basetype == OIIO::TypeDesc::FLOAT ||
                        spec.format.basetype == OIIO::TypeDesc::DOUBLE;
  const NonFiniteCount bad = floating ? countNonFinite(buffer, spec.width, spec.nchannels) : NonFiniteCount{};
  if (bad.count)
    throw defective(defect::kNonFinite, "holds " + std::to_string(bad.count) +
                                            " NaN or infinite sample(s), the first at x " + std::to_string(bad.firstX) +
                                            ", y " + std::to_string(bad.firstY));
  toRgb(buffer, spec.nchannels, image);
  image.attributes = attributesFromSpec(spec);
  return image;
}

}  // namespace filmrecover
