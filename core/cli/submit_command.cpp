#include "core/cli/command.h"

namespace filmrecover::cli {

Command addSubmitCommand(CLI::App& app) {
  return notBuiltCommand(app, "submit", "Farm rendering of a frame range in chunks");
}

}  // namespace filmrecover::cli
