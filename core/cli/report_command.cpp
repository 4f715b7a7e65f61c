#include "core/cli/command.h"

namespace filmrecover::cli {

Command addReportCommand(CLI::App& app) {
  return notBuiltCommand(app, "report", "The QC report of a recovery");
}

}  // namespace filmrecover::cli
