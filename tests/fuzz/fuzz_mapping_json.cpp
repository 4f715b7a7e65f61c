// Fuzzes mapping.json (match's output, read by align, curate and the GUI): readMapping,
// then mappingToJson / mappingFromJson on what was read (a file we read must be one we can
// write and read again).
#include <cstdlib>

#include "core/match/mapping.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace filmrecover;
  const std::string path = fuzz::writeScratchFile("mapping.json", data, size);
  fuzz::expectOnlyDocumentedErrors([&] {
    const match::Mapping m = match::readMapping(path);
    const match::Mapping again = match::mappingFromJson(match::mappingToJson(m));
    if (again.pairs.size() != m.pairs.size()) std::abort();
    m.usablePairs();
    if (!m.pairs.empty()) m.pairForSource(m.pairs.front().source);
  });
  return 0;
}
