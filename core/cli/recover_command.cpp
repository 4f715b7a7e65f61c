#include "core/cli/command.h"

namespace filmrecover::cli {

Command addRecoverCommand(CLI::App& app) {
  return notBuiltCommand(app, "recover", "The whole pipeline in one command");
}

}  // namespace filmrecover::cli
