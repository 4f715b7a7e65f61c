#pragma once
// --project DIR of the per-stage commands: the files of the stage default to the project's
// layout, and what the command did is recorded in the project's catalog, as recover and
// the workstation record it (core/workflow).
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "core/exec/errors.h"
#include "core/project/project_catalog.h"
#include "core/workflow/project_layout.h"

namespace filmrecover::cli {

struct ProjectFlag {
  std::string dir;

  //! Adds --project DIR to `command`.
  void addTo(CLI::App* command);
  bool given() const { return !dir.empty(); }
  workflow::ProjectLayout layout() const { return workflow::ProjectLayout::at(dir); }
  //! Opens (creating) the project and its catalog.
  std::unique_ptr<project::ProjectCatalog> open() const;
  //! `value` when given; else, with --project, what `fromLayout` says; else InputError
  //! saying that `flag` is needed.
  template <class F>
  std::string valueOr(const std::string& value, const std::string& flag, F fromLayout) const {
    if (!value.empty()) return value;
    if (given()) return fromLayout(layout());
    throw InputError(flag + " is required (or --project DIR, whose files it then names).");
  }
  //! The spec of the project's element of `role` when `value` is empty (InputError when the
  //! project has none registered).
  std::string elementOr(const std::string& value, const std::string& flag, const std::string& role) const;
};

}  // namespace filmrecover::cli
