// Fuzzes the OCIO config a user points $OCIO (or the GUI) at: OcioConfig::load, then the
// names and processors the workstation asks for (the first colour spaces, each display's
// default view). Its search paths and file transforms resolve beside the config file.
#include <string>
#include <vector>

#include "core/color/ocio_config.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace filmrecover;
  if (size > 65536) return 0;
  const std::string path = fuzz::writeScratchFile("config.ocio", data, size);
  fuzz::expectOnlyDocumentedErrors([&] {
    const auto config = OcioConfig::load(path);
    const std::vector<std::string> spaces = config->colorSpaces();
    config->roleColorSpace("scene_linear");
    for (size_t i = 0; i < spaces.size() && i < 3; ++i) {
      config->hasColorSpace(spaces[i]);
      fuzz::expectOnlyDocumentedErrors([&] { config->processor(spaces[i], spaces[0])->isNoOp(); });
    }
    for (const std::string& display : config->displays()) {
      const std::string view = config->defaultView(display);
      config->views(display);
      if (!spaces.empty())
        fuzz::expectOnlyDocumentedErrors([&] { config->displayProcessor(spaces[0], display, view)->isNoOp(); });
    }
    config->defaultDisplay();
  });
  return 0;
}
