#include "core/io/sequence_source.h"

#include <algorithm>
#include <shared_mutex>

#include <OpenImageIO/ustring.h>

#include "core/exec/errors.h"
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

  const std::string& first = files_.files.front();
  OIIO::ImageSpec header;
  auto& cache = sharedImageCache();
  {
    // Files rewritten on disk since they were cached (by another program) are dropped; this
    // checks only files the cache holds, once per opened source, never per read.
    std::unique_lock<SharedCacheGate> exclusive(sharedImageCacheGate());
    cache.invalidate_all(/*force=*/false);
  }
  std::shared_lock<SharedCacheGate> reading(sharedImageCacheGate());
  if (!cache.get_imagespec(OIIO::ustring(first), header, 0, 0, /*native=*/true)) {
    const std::string why = oneLine(cache.geterror());
    throw InputError("cannot read " + frameText(files_.frames.front(), first) + ": " +
                     (why.empty() ? std::string("not an image file filmrecover reads") : why));
  }
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
  if (!has(frame)) throw InputError(frameText(frame, path) + " is missing from " + info_.spec);
  auto& cache = sharedImageCache();
  const OIIO::ustring name(path);
  std::shared_lock<SharedCacheGate> reading(sharedImageCacheGate());
  OIIO::ImageSpec spec;
  if (!cache.get_imagespec(name, spec)) {
    const std::string why = oneLine(cache.geterror());
    throw InputError("cannot read " + frameText(frame, path) + ": " + (why.empty() ? "unreadable" : why));
  }
  Image image;
  image.width = spec.width;
  image.height = spec.height;
  std::vector<float> buffer(static_cast<size_t>(spec.width) * spec.height * spec.nchannels);
  if (!cache.get_pixels(name, 0, 0, spec.x, spec.x + spec.width, spec.y, spec.y + spec.height, spec.z,
                        spec.z + std::max(spec.depth, 1), 0, spec.nchannels, OIIO::TypeDesc::FLOAT, buffer.data())) {
    const std::string why = oneLine(cache.geterror());
    // Drop the broken file so a repaired one is read fresh next time.
    reading.unlock();
    invalidateCachedFile(path);
    throw InputError(frameText(frame, path) + " is truncated or corrupt" + (why.empty() ? "" : ": " + why));
  }
  toRgb(buffer, spec.nchannels, image);
  image.attributes = attributesFromSpec(spec);
  return image;
}

}  // namespace filmrecover
