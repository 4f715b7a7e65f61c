// DPX (SMPTE 268M): the image elements' data offsets and sizes against the file's size.
#include <cstring>
#include <string>

#include "core/io/file_completeness.h"

namespace filmrecover {

namespace {

constexpr std::size_t kHeaderBytes = 1664;  // file + image information headers
constexpr std::size_t kElementsAt = 780, kElementBytes = 72, kMaxElements = 8;

struct Fields {
  const unsigned char* h;
  bool bigEndian;
  std::uint32_t u32(std::size_t at) const {
    const unsigned char* p = h + at;
    return bigEndian ? (std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3])
                     : (std::uint32_t(p[3]) << 24 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[1]) << 8 | p[0]);
  }
  std::uint16_t u16(std::size_t at) const {
    const unsigned char* p = h + at;
    return bigEndian ? std::uint16_t(p[0] << 8 | p[1]) : std::uint16_t(p[1] << 8 | p[0]);
  }
};

// Samples per pixel of an element descriptor; 0 when unknown (then nothing is checked).
int samplesPerPixel(int descriptor) {
  switch (descriptor) {
    case 1: case 2: case 3: case 4: case 5: case 6: case 7: case 8: return 1;
    case 50: return 3;                       // RGB
    case 51: case 52: return 4;              // RGBA, ABGR
    case 100: return 2;                      // CbYCrY 4:2:2
    case 101: case 102: return 3;            // CbYaCrYa, CbYCr 4:4:4
    case 103: return 4;                      // CbYCrA
    default: return 0;
  }
}

// The least number of bytes an uncompressed element of this layout can occupy: lines are
// word-aligned in the filled packings (1, 2), bits run on across lines in packing 0.
std::uint64_t elementBytes(std::uint64_t width, std::uint64_t height, int samples, int bits, int packing) {
  const std::uint64_t lineSamples = width * static_cast<std::uint64_t>(samples);
  if (bits == 10 && packing != 0) return (lineSamples + 2) / 3 * 4 * height;          // 3 samples per word
  if (bits == 12 && packing != 0) return lineSamples * 2 * height;                     // one per 16 bits
  if (bits == 8 || bits == 16 || bits == 32 || bits == 64) return lineSamples * (bits / 8) * height;
  return (lineSamples * height * static_cast<std::uint64_t>(bits) + 31) / 32 * 4;     // packed bits
}

}  // namespace

std::string dpxIncompleteReason(const ByteSource& file) {
  unsigned char header[kHeaderBytes];
  if (file.size < kHeaderBytes || !file.read(0, kHeaderBytes, header))
    return "is truncated: " + std::to_string(file.size) + " bytes cannot hold a DPX header";
  Fields f{header, std::memcmp(header, "SDPX", 4) == 0};
  if (!f.bigEndian && std::memcmp(header, "XPDS", 4) != 0) return {};
  const std::uint32_t imageOffset = f.u32(4);
  const std::uint32_t width = f.u32(772), height = f.u32(776);
  const std::uint16_t elements = f.u16(770);
  std::uint64_t needed = 0;
  for (std::size_t e = 0; e < elements && e < kMaxElements; ++e) {
    const std::size_t at = kElementsAt + e * kElementBytes;
    const int descriptor = header[at + 20], bits = header[at + 23];
    const int packing = f.u16(at + 24), encoding = f.u16(at + 26);
    std::uint32_t offset = f.u32(at + 28);
    if (offset == 0 || offset == 0xFFFFFFFFu) offset = e == 0 ? imageOffset : 0;
    const int samples = samplesPerPixel(descriptor);
    // Run-length coded or unknown layouts have no size to predict.
    if (encoding != 0 || samples == 0 || offset == 0 || bits == 0 || bits > 64) continue;
    if (width == 0 || height == 0 || width > (1u << 20) || height > (1u << 20)) continue;
    const std::uint64_t end = offset + elementBytes(width, height, samples, bits, packing);
    if (end > needed) needed = end;
  }
  if (needed > file.size)
    return "is truncated: " + std::to_string(file.size) + " bytes on disk, its DPX header places pixel data up to byte " +
           std::to_string(needed);
  return {};
}

}  // namespace filmrecover
