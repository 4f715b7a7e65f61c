// TIFF and BigTIFF: the first directory's strips or tiles against the file's size.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/io/file_completeness.h"

namespace filmrecover {

namespace {

constexpr std::uint16_t kStripOffsets = 273, kStripByteCounts = 279, kTileOffsets = 324, kTileByteCounts = 325;
// A 16K x 16K image in one-row strips has 16,384; anything far beyond is a damaged table.
constexpr std::uint64_t kMaxChunks = 1u << 22;

struct Reader {
  const ByteSource& file;
  bool little;
  bool ok = true;
  std::uint64_t get(std::uint64_t at, int bytes) {
    unsigned char b[8] = {0};
    if (!file.read(at, static_cast<std::size_t>(bytes), b)) {
      ok = false;
      return 0;
    }
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= std::uint64_t(b[little ? i : bytes - 1 - i]) << (8 * i);
    return v;
  }
};

int typeSize(int type) {
  switch (type) {
    case 3: return 2;            // SHORT
    case 4: case 13: return 4;   // LONG, IFD
    case 16: case 18: return 8;  // LONG8, IFD8
    default: return 0;
  }
}

struct Entry {
  bool present = false;
  int type = 0;
  std::uint64_t count = 0, valueAt = 0;  // where the values are (inline or at an offset)
};

bool readValues(Reader& r, const Entry& e, std::vector<std::uint64_t>& out) {
  const int size = typeSize(e.type);
  if (!size || e.count > kMaxChunks) return false;
  out.resize(static_cast<std::size_t>(e.count));
  for (std::uint64_t i = 0; i < e.count && r.ok; ++i) out[static_cast<std::size_t>(i)] = r.get(e.valueAt + i * size, size);
  return r.ok;
}

}  // namespace

std::string tiffIncompleteReason(const ByteSource& file) {
  unsigned char head[4];
  if (file.size < 8 || !file.read(0, 4, head)) return {};
  const bool little = head[0] == 'I';
  if (!((head[0] == 'I' && head[1] == 'I') || (head[0] == 'M' && head[1] == 'M'))) return {};
  Reader r{file, little};
  const std::uint64_t version = r.get(2, 2);
  const bool big = version == 43;
  if (version != 42 && !big) return {};
  const std::uint64_t ifd = big ? r.get(8, 8) : r.get(4, 4);
  const int countBytes = big ? 8 : 2, entryBytes = big ? 20 : 12, fieldBytes = big ? 8 : 4;
  const std::uint64_t entries = r.get(ifd, countBytes);
  if (!r.ok)
    return "is truncated: " + std::to_string(file.size) + " bytes on disk, its first TIFF directory starts at byte " +
           std::to_string(ifd);
  if (entries > 4096) return {};  // not a directory we understand; the reader decides
  Entry offsets, counts;
  for (std::uint64_t i = 0; i < entries; ++i) {
    const std::uint64_t at = ifd + countBytes + i * entryBytes;
    const auto tag = static_cast<std::uint16_t>(r.get(at, 2));
    if (!r.ok) return "is truncated inside its first TIFF directory (" + std::to_string(file.size) + " bytes on disk)";
    Entry e;
    e.present = true;
    e.type = static_cast<int>(r.get(at + 2, 2));
    e.count = r.get(at + 4, fieldBytes);
    const int size = typeSize(e.type);
    e.valueAt = size && e.count <= static_cast<std::uint64_t>(fieldBytes / size) ? at + 4 + fieldBytes
                                                                                  : r.get(at + 4 + fieldBytes, fieldBytes);
    if (tag == kStripOffsets || tag == kTileOffsets) offsets = e;
    if (tag == kStripByteCounts || tag == kTileByteCounts) counts = e;
  }
  if (!offsets.present || !counts.present || offsets.count != counts.count) return {};
  std::vector<std::uint64_t> starts, sizes;
  if (!readValues(r, offsets, starts) || !readValues(r, counts, sizes)) {
    if (!r.ok)
      return "is truncated: " + std::to_string(file.size) + " bytes on disk cannot hold its TIFF strip table";
    return {};
  }
  std::uint64_t end = 0;
  for (std::size_t i = 0; i < starts.size(); ++i)
    end = std::max(end, starts[i] > UINT64_MAX - sizes[i] ? UINT64_MAX : starts[i] + sizes[i]);
  if (end > file.size)
    return "is truncated: " + std::to_string(file.size) + " bytes on disk, its TIFF directory places pixel data up to byte " +
           std::to_string(end);
  return {};
}

}  // namespace filmrecover
