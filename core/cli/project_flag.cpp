#include "core/cli/project_flag.h"

#include <filesystem>

#include "core/exec/errors.h"

namespace filmrecover::cli {

void ProjectFlag::addTo(CLI::App* command) {
  command->add_option("--project", dir,
                      "Project folder (a recover work dir is one): files default to its layout and what this "
                      "command did is recorded in its catalog (docs/project.md)");
}

std::unique_ptr<project::ProjectCatalog> ProjectFlag::open() const {
  const auto l = layout();
  std::filesystem::create_directories(l.root);
  workflow::migrateLegacyLayout(l);
  return std::make_unique<project::ProjectCatalog>(l.root);
}

std::string ProjectFlag::elementOr(const std::string& value, const std::string& flag, const std::string& role) const {
  if (!value.empty()) return value;
  if (!given()) throw InputError(flag + " is required (or --project DIR, whose " + role + " it then names).");
  if (!project::ProjectCatalog::isProject(layout().root))
    throw InputError("no project in " + layout().root + ": give " + flag + ", or run match --project there first.");
  const auto catalog = project::ProjectCatalog(layout().root);
  const auto element = catalog.sourceByRole(role);
  if (!element)
    throw InputError("project " + layout().root + " has no " + role + " element yet: give " + flag +
                     " (match --project registers both elements).");
  return element->spec;
}

}  // namespace filmrecover::cli
