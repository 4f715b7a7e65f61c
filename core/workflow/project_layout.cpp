#include "core/workflow/project_layout.h"

#include <filesystem>
#include <system_error>

#include "core/exec/errors.h"

namespace filmrecover::workflow {
namespace fs = std::filesystem;

ProjectLayout ProjectLayout::at(const std::string& dir) {
  return ProjectLayout{fs::absolute(fs::path(dir)).lexically_normal().string()};
}

void migrateLegacyLayout(const ProjectLayout& layout) {
  // Work dirs of recover before the layout was shared kept the model in model/: moved whole
  // (model, checkpoint, best, metrics, previews), so a resumed run finds its checkpoint and
  // the catalog's cache keys stay valid.
  const fs::path legacy = fs::path(layout.root) / "model";
  const fs::path models = layout.modelsDir();
  std::error_code ec;
  if (!fs::is_directory(legacy, ec) || fs::exists(models, ec)) return;
  fs::rename(legacy, models, ec);
  if (ec)
    throw RunError("cannot move the model folder of an earlier filmrecover (" + legacy.string() + ") to " +
                   models.string() + ": " + ec.message() + ".");
}

}  // namespace filmrecover::workflow
