#include "core/io/frame_source.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "core/exec/errors.h"
#include "core/io/frame_set.h"
#include "core/io/frame_token.h"
#include "core/io/movie_source.h"
#include "core/io/sequence_source.h"

namespace filmrecover {

namespace fs = std::filesystem;

namespace {

std::string extensionOf(const std::string& path) {
  // By hand: std::filesystem sees ".exr" (a pattern's suffix) as a hidden file without extension.
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool oneOf(const std::string& ext, std::initializer_list<const char*> list) {
  for (const char* e : list)
    if (ext == e) return true;
  return false;
}

const char* kFormats = "image sequences (exr, dpx, tif, png, jpg), movies (mp4, mov, avi, mkv, mpg, vob) or a folder";

std::shared_ptr<FrameSource> openFolder(const std::string& spec) {
  const std::vector<ScannedSequence> sequences = scanFolder(spec);
  if (sequences.empty()) throw InputError("folder '" + spec + "' holds no image sequence");
  if (sequences.size() > 1) {
    std::string names;
    for (size_t i = 0; i < sequences.size() && i < 4; ++i) names += (i ? ", " : "") + displayName(sequences[i]);
    if (sequences.size() > 4) names += ", ...";
    throw InputError("folder '" + spec + "' holds " + std::to_string(sequences.size()) + " sequences (" + names +
                     "); name one with a pattern such as '" + (fs::path(spec) / displayName(sequences[0])).string() +
                     "'");
  }
  return std::make_shared<SequenceSource>(spec, sequences[0], std::vector<int>{});
}

std::shared_ptr<FrameSource> openSingleImage(const std::string& spec) {
  ScannedSequence s;
  s.folder = fs::path(spec).parent_path().string();
  s.prefix = fs::path(spec).filename().string();
  s.padding = 0;
  s.frames = {1};
  s.files = {spec};
  return std::make_shared<SequenceSource>(spec, s, std::vector<int>{});
}

std::shared_ptr<FrameSource> openPattern(const std::string& spec, const FrameToken& token) {
  if (!isImageFile(token.suffix))
    throw InputError("source pattern '" + spec + "' names files of a format filmrecover does not read ('" +
                     token.suffix + "'); sources are " + kFormats);
  const fs::path prefixPath(token.prefix);
  // "plate.####.exr": folder "", name prefix "plate."; "shots/####.exr": folder "shots", prefix "".
  std::string folder = token.prefix.empty() || token.prefix.back() == '/' ? token.prefix : prefixPath.parent_path().string();
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  const std::string namePrefix = token.prefix.substr(token.prefix.find_last_of('/') == std::string::npos
                                                         ? 0
                                                         : token.prefix.find_last_of('/') + 1);
  std::error_code ec;
  if (!folder.empty() && !fs::is_directory(folder, ec))
    throw InputError("folder '" + folder + "' of source '" + spec + "' does not exist");
  ScannedSequence s = scanSequence(folder, namePrefix, token.suffix, token.padding);
  std::vector<int> requested;
  if (!token.frameRange.empty()) {
    requested = parseFrameSet(token.frameRange);
    const std::set<int> wanted(requested.begin(), requested.end());
    ScannedSequence kept = s;
    kept.frames.clear();
    kept.files.clear();
    for (size_t i = 0; i < s.frames.size(); ++i)
      if (wanted.count(s.frames[i])) {
        kept.frames.push_back(s.frames[i]);
        kept.files.push_back(s.files[i]);
      }
    s = std::move(kept);
  }
  if (s.frames.empty())
    throw InputError("source pattern '" + spec + "' matches no files" +
                     (token.frameRange.empty() ? std::string() : " in frames " + token.frameRange));
  return std::make_shared<SequenceSource>(spec, s, requested);
}

}  // namespace

FrameSource::~FrameSource() = default;

bool FrameSource::has(int frame) const {
  const auto& frames = info().frames;
  return std::binary_search(frames.begin(), frames.end(), frame);
}

std::shared_ptr<FrameSource> FrameSource::open(const std::string& specIn) {
  std::string spec = specIn;
  while (spec.size() > 1 && spec.back() == '/') spec.pop_back();
  if (spec.empty()) throw InputError("no source given; sources are " + std::string(kFormats));
  std::error_code ec;
  const fs::file_status status = fs::status(spec, ec);
  if (fs::is_directory(status)) return openFolder(spec);
  if (fs::is_regular_file(status)) {
    if (isMovieFile(spec)) return std::make_shared<MovieSource>(spec);
    if (isImageFile(spec)) return openSingleImage(spec);
    throw InputError("'" + spec + "' is not a format filmrecover reads; sources are " + std::string(kFormats));
  }
  const FrameToken token = findFrameToken(spec);
  if (token.found) return openPattern(spec, token);
  if (fs::exists(status)) throw InputError("'" + spec + "' is not a file or folder filmrecover reads");
  throw InputError("source '" + spec + "' does not exist");
}

FrameDefect missingFrameDefect(const FrameSource& source, int frame) {
  const std::string path = source.framePath(frame);
  return {frame, path.empty() ? source.info().spec : path, defect::kMissing,
          "frame " + std::to_string(frame) + " is missing from " + source.info().spec +
              (path.empty() ? std::string() : " ('" + path + "' does not exist)")};
}

bool isMovieFile(const std::string& path) {
  return oneOf(extensionOf(path), {"mp4", "m4v", "mov", "avi", "mkv", "webm", "mpg", "mpeg", "vob", "m2v", "m2ts",
                                   "mts", "ts", "mxf", "dv", "flv", "wmv", "ogv", "y4m", "qt"});
}

bool isImageFile(const std::string& path) {
  return oneOf(extensionOf(path), {"exr", "sxr", "mxr", "dpx", "cin", "tif", "tiff", "png", "jpg", "jpeg", "jpe",
                                   "tga", "bmp", "sgi", "rgb", "hdr", "jp2", "j2k", "webp", "psd"});
}

}  // namespace filmrecover
