#include <iostream>
#include <vector>

#include "core/cli/command.h"
#include "core/exec/errors.h"
#include "core/version.h"

namespace filmrecover::cli {

Command notBuiltCommand(CLI::App& app, const std::string& name, const std::string& description) {
  Command c;
  c.parser = app.add_subcommand(name, description + " (not built yet)");
  c.parser->allow_extras();
  c.run = [name](CliContext&) {
    std::cerr << "filmrecover-cli " << name << " is not built yet in this version." << std::endl;
    return 1;
  };
  return c;
}

int runCli(int argc, char** argv) {
  CLI::App app{"filmrecover-cli: per-film neural recovery of chroma and spatial detail.\n"
               "Pipelines and farm nodes drive the workstation through these commands;\n"
               "see `filmrecover-cli COMMAND --help` and docs/cli.md.",
               "filmrecover-cli"};
  app.set_version_flag("--version", std::string("filmrecover-cli ") + FILMRECOVER_VERSION);
  app.require_subcommand(1, 1);

  CliContext ctx;
  std::vector<Command> commands = {
      addInfoCommand(app),    addMatchCommand(app),   addAlignCommand(app),
      addCurateCommand(app),  addTrainCommand(app),   addRenderCommand(app),
      addGradeCommand(app),   addCompareCommand(app), addRecoverCommand(app),
      addReportCommand(app),  addSubmitCommand(app),  addBenchCommand(app), addDemoCommand(app)};
  for (auto& c : commands) {
    c.parser->add_flag("--json", ctx.global.json, "Print one JSON document on stdout");
    c.parser->add_flag("-v,--verbose", ctx.global.verbose, "More detail on stderr");
    c.parser->add_flag("-q,--quiet", ctx.global.quiet, "Only errors and warnings on stderr");
  }

  // CLI11 would only say "a subcommand is required"; name what was typed instead.
  const auto isCommand = [&commands](const std::string& word) {
    for (const auto& c : commands)
      if (c.parser->get_name() == word) return true;
    return false;
  };
  if (argc > 1 && argv[1][0] != '-' && !isCommand(argv[1])) {
    std::cerr << "filmrecover-cli: unknown command '" << argv[1] << "' (see --help)" << std::endl;
    return 1;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "filmrecover-cli: " << e.what() << " (see --help)" << std::endl;
    return 1;
  }

  for (auto& c : commands) {
    if (!c.parser->parsed()) continue;
    try {
      return c.run(ctx);
    } catch (const InputError& e) {
      std::cerr << "error: " << e.what() << std::endl;
      return 1;
    } catch (const CancelledError&) {
      std::cerr << "cancelled; finished work is kept and a re-run resumes." << std::endl;
      return 2;
    } catch (const RunError& e) {
      std::cerr << "failed: " << e.what() << std::endl;
      return 2;
    } catch (const std::exception& e) {
      std::cerr << "failed: " << e.what() << std::endl;
      return 2;
    }
  }
  return 1;
}

}  // namespace filmrecover::cli
