#include "core/cli/command.h"

namespace filmrecover::cli {

Command addGradeCommand(CLI::App& app) {
  return notBuiltCommand(app, "grade", "The match-grade baseline: a 3D LUT fitted on pairs");
}

}  // namespace filmrecover::cli
