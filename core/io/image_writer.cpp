#include "core/io/image_writer.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cerrno>
#include <filesystem>
#include <regex>

#include <OpenImageIO/imageio.h>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"
#include "core/io/file_completeness.h"
#include "core/io/one_line.h"
#include "core/io/shared_image_cache.h"
#include "core/io/spec_attributes.h"

namespace filmrecover {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string oiioFormatName(const std::string& format) {
  if (format == "exr") return "openexr";
  if (format == "dpx") return "dpx";
  if (format == "tif") return "tiff";
  if (format == "png") return "png";
  return "jpeg";
}

int defaultBitDepth(const std::string& format) {
  if (format == "dpx") return 10;
  if (format == "tif" || format == "png") return 16;
  return 8;
}

// Sample type and bits for the file; InputError for a depth the format cannot store.
OIIO::TypeDesc sampleType(const std::string& format, const WriteOptions& options, int& bits) {
  if (format == "exr") {
    if (options.exrDataType == "half") return OIIO::TypeDesc::HALF;
    if (options.exrDataType == "float") return OIIO::TypeDesc::FLOAT;
    throw InputError("EXR data type '" + options.exrDataType + "' is not half or float");
  }
  bits = options.bitDepth ? options.bitDepth : defaultBitDepth(format);
  const bool ok = (format == "dpx" && (bits == 8 || bits == 10 || bits == 12 || bits == 16)) ||
                  (format == "tif" && (bits == 8 || bits == 16)) || (format == "png" && (bits == 8 || bits == 16)) ||
                  (format == "jpg" && bits == 8);
  if (!ok) throw InputError("a bit depth of " + std::to_string(bits) + " is not available for " + format + " files");
  return bits == 8 ? OIIO::TypeDesc::UINT8 : OIIO::TypeDesc::UINT16;
}

void checkExrCompression(const std::string& compression) {
  static const char* names[] = {"none", "rle", "zip", "zips", "piz", "pxr24", "b44", "b44a", "dwaa", "dwab"};
  for (const char* n : names)
    if (compression == n) return;
  throw InputError("EXR compression '" + compression + "' is not one of none, rle, zip, zips, piz, pxr24, b44, b44a, dwaa, dwab");
}

// Values rounded to `bits` bits, scaled to 16 bits so that dropping the low bits is exact.
std::vector<uint16_t> roundedCodes(const std::vector<float>& pixels, int bits) {
  const float top = static_cast<float>((1 << bits) - 1);
  std::vector<uint16_t> codes(pixels.size());
  for (size_t i = 0; i < pixels.size(); ++i) {
    const float v = std::clamp(pixels[i], 0.0f, 1.0f);
    const long q = std::lround(v * top);
    codes[i] = static_cast<uint16_t>(std::lround(q * 65535.0 / top));
  }
  return codes;
}

// A name no other writer (thread or process) uses: hidden, same folder, same extension.

}  // namespace

int removeStaleWriteTemporaries(const std::string& folder) {
  static const std::regex tempName(R"(^\..+\.tmp-([0-9]+)-[0-9]+(\.[^.]*)?$)");
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return 0;
  int removed = 0;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    std::smatch m;
    if (!std::regex_match(name, m, tempName)) continue;
    const long pid = std::stol(m[1].str());
    // kill(pid, 0) probes without signalling: ESRCH means no such process any more.
    const bool writerGone = pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
    if (writerGone && fs::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

std::string imageFormatFor(const std::string& nameOrPath) {
  std::string ext = lower(fs::path(nameOrPath).extension().string());
  ext = ext.empty() ? lower(nameOrPath) : ext.substr(1);
  if (ext == "exr" || ext == "openexr") return "exr";
  if (ext == "dpx") return "dpx";
  if (ext == "tif" || ext == "tiff") return "tif";
  if (ext == "png") return "png";
  if (ext == "jpg" || ext == "jpeg") return "jpg";
  throw InputError("'" + nameOrPath + "' is not an image format filmrecover writes (exr, dpx, tif, png or jpg)");
}

void writeImageAtomic(const std::string& path, const Image& image, const WriteOptions& options) {
  const std::string format = imageFormatFor(options.format.empty() ? path : options.format);
  if (image.empty() || image.channels < 1 ||
      image.pixels.size() != image.pixelCount() * static_cast<size_t>(image.channels))
    throw InputError("cannot write an empty or malformed image to '" + path + "'");
  int bits = 0;
  const OIIO::TypeDesc type = sampleType(format, options, bits);
  if (format == "exr") checkExrCompression(options.exrCompression);

  OIIO::ImageSpec spec(image.width, image.height, image.channels, type);
  ImageAttributes attrs = image.attributes;
  for (const auto& [k, v] : options.attributes) attrs[k] = v;
  attributesToSpec(attrs, format, spec);
  if (format == "exr") spec.attribute("compression", options.exrCompression);
  if (format == "dpx") spec.attribute("oiio:BitsPerSample", bits);
  if (format == "jpg") spec.attribute("Compression", "jpeg:95");
  if (format == "tif") spec.attribute("compression", "zip");

  // The temp name keeps the extension: OIIO picks the writer from it.
  AtomicFile file(path, /*keepExtension=*/true);
  const std::string& temp = file.tempPath();
  const auto fail = [&](const std::string& why) { file.fail(oneLine(why)); };
  {
    auto out = OIIO::ImageOutput::create(oiioFormatName(format));
    if (!out) fail(OIIO::geterror());
    if (!out->open(temp, spec)) fail(out->geterror());
    bool written = false;
    if (format == "dpx" && bits < 16 && bits > 8) {
      // OIIO turns 16-bit values into 10/12-bit ones by dropping low bits; rounding here
      // first keeps the error within half a code value.
      const std::vector<uint16_t> codes = roundedCodes(image.pixels, bits);
      written = out->write_image(OIIO::TypeDesc::UINT16, codes.data());
    } else {
      written = out->write_image(OIIO::TypeDesc::FLOAT, image.pixels.data());
    }
    if (!written) {
      const std::string why = out->geterror();
      out->close();
      fail(why);
    }
    if (!out->close()) fail(out->geterror());
  }
  std::error_code ec;
  const auto size = fs::file_size(temp, ec);
  if (ec || size == 0) fail("the file came out empty");
  file.commit();
  invalidateCachedFile(path);
}

Image readImageFile(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InputError("image file '" + path + "' does not exist");
  if (fs::is_directory(path, ec)) throw InputError("'" + path + "' is a folder, not an image file");
  // OIIO reads a truncated 10-bit DPX, TIFF or JPEG without an error, and a PNG cut inside its
  // header through a leaking error path: checked before it opens the file (file_completeness.h).
  const std::string incomplete = incompleteFileReason(path);
  if (!incomplete.empty()) throw InputError("image file '" + path + "' " + incomplete);
  auto in = OIIO::ImageInput::open(path);
  if (!in) throw InputError("cannot read image file '" + path + "': " + oneLine(OIIO::geterror()));
  const OIIO::ImageSpec& spec = in->spec();
  Image image;
  image.width = spec.width;
  image.height = spec.height;
  std::vector<float> buffer(static_cast<size_t>(spec.width) * spec.height * spec.nchannels);
  const bool read = in->read_image(0, 0, 0, spec.nchannels, OIIO::TypeDesc::FLOAT, buffer.data());
  const std::string why = oneLine(in->geterror());
  if (!read || !why.empty()) throw InputError("image file '" + path + "' is truncated or corrupt: " + why);
  toRgb(buffer, spec.nchannels, image);
  image.attributes = attributesFromSpec(spec);
  return image;
}

}  // namespace filmrecover
