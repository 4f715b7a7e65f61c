#include "core/cli/command.h"

namespace filmrecover::cli {

Command addInfoCommand(CLI::App& app) {
  return notBuiltCommand(app, "info", "Frames, missing frames, resolution, channels and colour metadata of a source");
}

}  // namespace filmrecover::cli
