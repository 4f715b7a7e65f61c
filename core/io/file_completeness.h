#pragma once
// Structural checks of image files whose readers do not notice truncation.
//
// OpenImageIO 2.4 reads a 10-bit DPX, a TIFF (compressed or not) or a JPEG cut short without
// an error: the missing part comes back as zeros or grey, and a render would turn it into a
// restored frame of garbage. These checks read only what locates the pixel data (a DPX
// header, a TIFF's first directory and strip table, a JPEG's last bytes, a PNG's chunk
// headers) and compare it with the file's size on disk. The PNG check also keeps a cut PNG
// from OIIO's reader, which leaks when libpng meets the end of the file.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace filmrecover {

//! Random access to a file's bytes: `read(offset, n, out)` fills `out` with n bytes and
//! returns false when fewer exist. A file on disk or a buffer (tests and fuzzers).
struct ByteSource {
  std::uint64_t size = 0;
  std::function<bool(std::uint64_t offset, std::size_t n, unsigned char* out)> read;
};
ByteSource bytesOfBuffer(const unsigned char* data, std::size_t size);

//! Why `path` is incomplete: "" when it is whole, when its format carries nothing to
//! check against (the EXR reader reports truncation itself), or when it cannot be opened
//! (the reader says why). One clause, e.g.
//! "is truncated: 262144 bytes on disk, its DPX header places pixel data up to byte 794624".
//! The format is taken from the file's magic number, not its name. Never throws.
std::string incompleteFileReason(const std::string& path);

//! The per-format checks, on any ByteSource ("" = whole or not that format).
std::string dpxIncompleteReason(const ByteSource& file);
std::string tiffIncompleteReason(const ByteSource& file);
std::string jpegIncompleteReason(const ByteSource& file);
std::string pngIncompleteReason(const ByteSource& file);
std::string incompleteReason(const ByteSource& file);  //!< by magic number

}  // namespace filmrecover
