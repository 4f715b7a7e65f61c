#include "core/cli/command.h"

namespace filmrecover::cli {

Command addTrainCommand(CLI::App& app) {
  return notBuiltCommand(app, "train", "Train a per-film model");
}

}  // namespace filmrecover::cli
