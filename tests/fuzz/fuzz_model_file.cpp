// Fuzzes the model file (.frm) container and its metadata: readModelContainer (header only,
// and with every blob), readModelInfo. The weights blob itself goes to LibTorch's archive
// reader, which is not built here (see docs/reliability.md, limits).
#include "core/model/model_container.h"
#include "core/model/model_info.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace filmrecover;
  const std::string path = fuzz::writeScratchFile("model.frm", data, size);
  fuzz::expectOnlyDocumentedErrors([&] { readModelContainer(path, false); });
  fuzz::expectOnlyDocumentedErrors([&] { readModelContainer(path, true); });
  // Metadata as the GUI, reports and loadModelFile take it (a nlohmann type_error of a field
  // of the wrong type becomes an InputError there), and what was read can be written back.
  fuzz::expectOnlyDocumentedErrors([&] {
    const nlohmann::json back = readModelInfo(path);
    back.get<ModelInfo>();
  });
  return 0;
}
