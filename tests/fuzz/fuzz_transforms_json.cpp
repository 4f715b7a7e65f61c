// Fuzzes transforms.json (align's output, read by curate and the GUI): readTransforms, a
// write/read round trip of what was read, and curate's own reader of its flags and crop.
#include <cstdlib>

#include "core/curate/alignment_flags.h"
#include "core/match/transforms.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace filmrecover;
  const std::string path = fuzz::writeScratchFile("transforms.json", data, size);
  fuzz::expectOnlyDocumentedErrors([&] {
    const match::Transforms t = match::readTransforms(path);
    const match::Transforms again = match::transformsFromJson(match::transformsToJson(t));
    if (again.frames.size() != t.frames.size()) std::abort();
    if (!t.frames.empty()) t.forSource(t.frames.back().source);
  });
  fuzz::expectOnlyDocumentedErrors([&] { curate::readAlignmentFlags(path); });
  return 0;
}
