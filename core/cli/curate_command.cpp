#include "core/cli/command.h"

namespace filmrecover::cli {

Command addCurateCommand(CLI::App& app) {
  return notBuiltCommand(app, "curate", "Suggest training and hold-out pairs");
}

}  // namespace filmrecover::cli
