// Fuzzes the catalog opener: the input is a project.sqlite (a project folder from elsewhere);
// ProjectCatalog opens and migrates it, then every table is read and exported.
#include <filesystem>

#include "core/project/project_catalog.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace filmrecover;
  const std::string dir = fuzz::freshScratchFolder("project");
  fuzz::writeScratchFile("project/" + std::string(project::kCatalogFileName), data, size);
  fuzz::expectOnlyDocumentedErrors([&] {
    project::ProjectCatalog catalog(dir);
    catalog.toJson();
    catalog.experimentLogMarkdown();
    for (const auto& s : catalog.sources()) catalog.descriptor(s.id, s.first);
    catalog.runMetric(1, "train_loss");
    catalog.integrityCheck();
    // A write through the catalog, as recover does first on an existing project.
    catalog.setMeta("title", "fuzz");
  });
  return 0;
}
