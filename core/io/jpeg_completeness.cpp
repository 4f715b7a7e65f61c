// JPEG: a whole file ends with an End Of Image marker (FF D9).
#include <algorithm>
#include <string>
#include <vector>

#include "core/io/file_completeness.h"

namespace filmrecover {

std::string jpegIncompleteReason(const ByteSource& file) {
  // Some cameras and tools append data after the marker (trailers of a few KB), so the
  // marker is looked for in the last 64 KB rather than in the last two bytes. Inside
  // entropy-coded data FF is always followed by 00 or a restart marker, so a file cut in
  // its scan never shows FF D9 there.
  constexpr std::uint64_t kTail = 64 * 1024;
  if (file.size < 4) return "is truncated: " + std::to_string(file.size) + " bytes cannot hold a JPEG image";
  const std::uint64_t n = std::min(file.size, kTail);
  std::vector<unsigned char> tail(static_cast<std::size_t>(n));
  if (!file.read(file.size - n, tail.size(), tail.data())) return {};
  for (std::size_t i = tail.size() - 1; i > 0; --i)
    if (tail[i - 1] == 0xFF && tail[i] == 0xD9) return {};
  return "is truncated: the JPEG data of its " + std::to_string(file.size) + " bytes ends without an End Of Image marker";
}

}  // namespace filmrecover
