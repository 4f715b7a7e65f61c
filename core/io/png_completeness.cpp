// PNG: a whole file is its signature, then chunks (length, type, data, CRC) up to IEND.
//
// OIIO 2.4 reads a PNG cut after its last image data without an error, and one cut inside it
// through libpng's error path, which leaks OIIO's error string (libpng longjmps over its
// destructor). Walking the chunk lengths finds both before OIIO opens the file: it reads
// 8 bytes per chunk, never the image data, and checks no CRC (damage inside a chunk is the
// reader's to find).
#include <cstring>
#include <string>

#include "core/io/file_completeness.h"

namespace filmrecover {

namespace {

constexpr unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
// The PNG specification limits a chunk's length to 2^31 - 1 bytes.
constexpr std::uint64_t kMaxChunkLength = 0x7FFFFFFFu;

std::string chunkName(const unsigned char* type) {
  std::string name;
  for (int i = 0; i < 4; ++i) {
    const unsigned char c = type[i];
    name += (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ? static_cast<char>(c) : '?';
  }
  return name;
}

}  // namespace

std::string pngIncompleteReason(const ByteSource& file) {
  // Four bytes of the signature make a file a PNG (as for the other formats' magic numbers).
  if (file.size < 4) return {};
  unsigned char signature[8];
  const std::size_t head = file.size < 8 ? static_cast<std::size_t>(file.size) : 8;
  if (!file.read(0, head, signature) || std::memcmp(signature, kSignature, head) != 0) return {};
  if (file.size < 8) return "is truncated: " + std::to_string(file.size) + " bytes, inside the PNG signature";
  const std::string onDisk = std::to_string(file.size) + " bytes on disk";
  std::uint64_t at = 8;
  // Each step moves forward by at least 12 bytes, so the walk ends within size / 12 steps.
  while (true) {
    unsigned char header[8];
    if (at == file.size) return "is truncated: " + onDisk + ", its PNG chunks end without the IEND chunk";
    if (!file.read(at, 8, header))
      return "is truncated: " + onDisk + ", cut inside the header of the PNG chunk at byte " + std::to_string(at);
    const std::uint64_t length = (std::uint64_t(header[0]) << 24) | (std::uint64_t(header[1]) << 16) |
                                 (std::uint64_t(header[2]) << 8) | std::uint64_t(header[3]);
    const std::string name = chunkName(header + 4);
    // A length beyond the limit is a damaged header: the chain cannot be followed to IEND.
    const std::uint64_t end = at + 12 + length;  // header, data and CRC
    if (length > kMaxChunkLength || end > file.size)
      return "is truncated: " + onDisk + ", its PNG chunk " + name + " at byte " + std::to_string(at) + " (" +
             std::to_string(length) + " bytes of data) ends at byte " + std::to_string(end);
    // Bytes after IEND (a trailer some tools append) are not the image's: the file is whole.
    if (name == "IEND") return {};
    at = end;
  }
}

}  // namespace filmrecover
