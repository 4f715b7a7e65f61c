// Fuzzes the header checks that tell a truncated DPX, TIFF, JPEG or PNG from a whole one
// (core/io/file_completeness.h): they read offsets and counts from files from elsewhere and
// must answer for any bytes, never read outside them (ASan), never throw.
#include <cstdlib>

#include "core/io/file_completeness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const filmrecover::ByteSource bytes = filmrecover::bytesOfBuffer(data, size);
  try {
    (void)filmrecover::incompleteReason(bytes);
    // Each check on its own too, whatever the magic number says.
    (void)filmrecover::dpxIncompleteReason(bytes);
    (void)filmrecover::tiffIncompleteReason(bytes);
    (void)filmrecover::jpegIncompleteReason(bytes);
    (void)filmrecover::pngIncompleteReason(bytes);
  } catch (...) {
    std::abort();  // documented never to throw: a frame check that throws names no frame
  }
  return 0;
}
