#include "core/cli/command.h"

namespace filmrecover::cli {

Command addAlignCommand(CLI::App& app) {
  return notBuiltCommand(app, "align", "Register mapped reference frames onto their source frames");
}

}  // namespace filmrecover::cli
