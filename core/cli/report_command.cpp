#include <memory>

#include "core/cli/command.h"
#include "core/pipeline/report_builder.h"
#include "core/report/report_html.h"

namespace filmrecover::cli {

Command addReportCommand(CLI::App& app) {
  auto workDir = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  Command c;
  c.parser = app.add_subcommand("report", "The QC report of a recovery");
  c.parser->footer(
      "Reads a recover work dir (catalog, mapping, transforms, dataset, model metrics, renders,\n"
      "baseline) and writes one self-contained HTML file. See docs/cli/report.md.");
  c.parser->add_option("WORKDIR", *workDir, "The work dir of a recover run")->required();
  c.parser->add_option("-o,--output", *output, "report.html to write")->required();
  c.run = [workDir, output](CliContext& ctx) {
    const auto data = pipeline::buildReportData(*workDir, {}, ctx.progress());
    report::writeReport(data, *output);
    ctx.printResult({{"report", *output}, {"candidates", data.candidates.size()}, {"stills", data.stills.size()},
                     {"warnings", data.warnings}},
                    "wrote " + *output);
    return 0;
  };
  return c;
}

}  // namespace filmrecover::cli
