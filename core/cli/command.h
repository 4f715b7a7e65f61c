#pragma once
#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "core/cli/cli_context.h"

namespace filmrecover::cli {

//! A subcommand of filmrecover-cli: its CLI11 parser and what runs when it was chosen.
//! `run` returns the exit status (0 done, 1 bad usage/input, 2 failure mid-run); it may
//! also throw InputError (→1) or RunError (→2), which the shell turns into one sentence.
struct Command {
  CLI::App* parser = nullptr;
  std::function<int(CliContext&)> run;
};

// One function per command, each in its own <name>_command.cpp.
Command addInfoCommand(CLI::App& app);
Command addMatchCommand(CLI::App& app);
Command addAlignCommand(CLI::App& app);
Command addCurateCommand(CLI::App& app);
Command addTrainCommand(CLI::App& app);
Command addRenderCommand(CLI::App& app);
Command addGradeCommand(CLI::App& app);
Command addCompareCommand(CLI::App& app);
Command addRecoverCommand(CLI::App& app);
Command addReportCommand(CLI::App& app);
Command addSubmitCommand(CLI::App& app);
Command addBenchCommand(CLI::App& app);
Command addDemoCommand(CLI::App& app);  // demo_command.cpp (issue 5)

//! For a command whose engine is not built yet: says so and exits 1.
Command notBuiltCommand(CLI::App& app, const std::string& name, const std::string& description);

//! Entry point of filmrecover-cli; returns the process exit status.
int runCli(int argc, char** argv);

}  // namespace filmrecover::cli
