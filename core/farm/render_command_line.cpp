#include "core/farm/render_command_line.h"

#include "core/farm/shell_quote.h"

namespace filmrecover::farm {

std::string renderCommandLine(const FarmJobOptions& o, const std::string& framesExpression) {
  std::vector<std::string> args = {o.cliPath, "render", "--model", o.model, "--input", o.input,
                                   "-o", o.output};
  args.insert(args.end(), o.renderArgs.begin(), o.renderArgs.end());
  return shellJoin(args) + " --skip-existing --frames " + framesExpression;
}

}  // namespace filmrecover::farm
