// Fuzzes parseFrameSet (--frames, the range in "plate.1001-1100#.exr") and checks that
// formatFrameSet is its inverse on whatever parses: parse(format(frames)) == frames.
#include <cstdlib>
#include <string>
#include <vector>

#include "core/io/frame_set.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // a command-line argument, not a file
  const std::string text(reinterpret_cast<const char*>(data), size);
  filmrecover::fuzz::expectOnlyDocumentedErrors([&] {
    const std::vector<int> frames = filmrecover::parseFrameSet(text);
    // The round trip of a ten-million-frame set takes seconds under the sanitizers; sets
    // that large are still parsed, their inverse is checked up to 100,000 frames.
    if (frames.empty() || frames.size() > 100000) return;
    const std::string compact = filmrecover::formatFrameSet(frames);
    if (filmrecover::parseFrameSet(compact) != frames) std::abort();  // the round trip lost frames
  });
  return 0;
}
