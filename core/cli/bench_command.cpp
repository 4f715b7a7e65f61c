#include "core/cli/command.h"

namespace filmrecover::cli {

Command addBenchCommand(CLI::App& app) {
  return notBuiltCommand(app, "bench", "Throughput of the engine, comparable with the PyTorch peer");
}

}  // namespace filmrecover::cli
