#include "core/io/file_completeness.h"

#include <cstdio>
#include <cstring>
#include <memory>

namespace filmrecover {

ByteSource bytesOfBuffer(const unsigned char* data, std::size_t size) {
  ByteSource s;
  s.size = size;
  s.read = [data, size](std::uint64_t offset, std::size_t n, unsigned char* out) {
    if (offset > size || n > size - offset) return false;
    if (n) std::memcpy(out, data + offset, n);
    return true;
  };
  return s;
}

std::string incompleteReason(const ByteSource& file) {
  unsigned char magic[4] = {0, 0, 0, 0};
  if (file.size < 4 || !file.read(0, 4, magic)) return {};
  if (std::memcmp(magic, "SDPX", 4) == 0 || std::memcmp(magic, "XPDS", 4) == 0) return dpxIncompleteReason(file);
  if ((magic[0] == 'I' && magic[1] == 'I') || (magic[0] == 'M' && magic[1] == 'M')) return tiffIncompleteReason(file);
  if (magic[0] == 0xFF && magic[1] == 0xD8) return jpegIncompleteReason(file);
  if (std::memcmp(magic, "\x89PNG", 4) == 0) return pngIncompleteReason(file);
  return {};
}

std::string incompleteFileReason(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return {};  // not for this check to say: the reader names a file it cannot open
  if (std::fseek(f.get(), 0, SEEK_END) != 0) return {};
  const long size = std::ftell(f.get());
  if (size < 0) return {};
  ByteSource s;
  s.size = static_cast<std::uint64_t>(size);
  FILE* handle = f.get();
  s.read = [handle, size](std::uint64_t offset, std::size_t n, unsigned char* out) {
    if (offset > static_cast<std::uint64_t>(size) || n > static_cast<std::uint64_t>(size) - offset) return false;
    if (std::fseek(handle, static_cast<long>(offset), SEEK_SET) != 0) return false;
    return std::fread(out, 1, n, handle) == n;
  };
  return incompleteReason(s);
}

}  // namespace filmrecover
