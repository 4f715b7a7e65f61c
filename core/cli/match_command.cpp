#include "core/cli/command.h"

namespace filmrecover::cli {

Command addMatchCommand(CLI::App& app) {
  return notBuiltCommand(app, "match", "Temporal overlap between a source and a reference");
}

}  // namespace filmrecover::cli
