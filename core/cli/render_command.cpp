#include "core/cli/command.h"

namespace filmrecover::cli {

Command addRenderCommand(CLI::App& app) {
  return notBuiltCommand(app, "render", "Apply a model to a sequence");
}

}  // namespace filmrecover::cli
