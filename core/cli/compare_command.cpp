#include "core/cli/command.h"

namespace filmrecover::cli {

Command addCompareCommand(CLI::App& app) {
  return notBuiltCommand(app, "compare", "PSNR, SSIM, delta E 2000 and flicker of A against B");
}

}  // namespace filmrecover::cli
