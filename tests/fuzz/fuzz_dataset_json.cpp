// Fuzzes dataset.json (curate's output, read by train and recover): readDatasetFile and a
// write/read round trip of what was read.
#include <cstdlib>

#include "core/curate/dataset_file.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace filmrecover;
  const std::string path = fuzz::writeScratchFile("dataset.json", data, size);
  fuzz::expectOnlyDocumentedErrors([&] {
    const curate::DatasetFile d = curate::readDatasetFile(path);
    const curate::DatasetFile again = curate::datasetFromJson(curate::datasetToJson(d));
    if (again.selection.train != d.selection.train) std::abort();
  });
  return 0;
}
