// Fuzzes transforms.json (align's output, read by curate and the GUI): readTransforms, a
// write/read round trip of what was read, and curate's own reader of its flags and crop.
#include <cstdlib>

#include "core/align/transforms.h"
#include "core/curate/alignment_flags.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace filmrecover;
  const std::string path = fuzz::writeScratchFile("transforms.json", data, size);
  fuzz::expectOnlyDocumentedErrors([&] {
    const align::Transforms t = align::readTransforms(path);
    const align::Transforms again = align::transformsFromJson(align::transformsToJson(t));
    if (again.frames.size() != t.frames.size()) std::abort();
    if (!t.frames.empty()) t.forSource(t.frames.back().source);
  });
  fuzz::expectOnlyDocumentedErrors([&] { curate::readAlignmentFlags(path); });
  return 0;
}
