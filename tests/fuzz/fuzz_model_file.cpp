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
  fuzz::expectOnlyDocumentedErrors([&] {
    const ModelContainer c = readModelContainer(path, true);
    if (c.header.contains("info") && c.header["info"].is_object()) {
      const ModelInfo info = c.header["info"].get<ModelInfo>();
      nlohmann::json back = info;  // what we read we can write
    }
  });
  fuzz::expectOnlyDocumentedErrors([&] { readModelInfo(path); });
  return 0;
}
