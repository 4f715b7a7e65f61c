#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "core/exec/progress.h"

namespace filmrecover::cli {

//! Flags every command understands (see docs/cli.md).
struct GlobalOptions {
  bool json = false;    //!< --json: one JSON document on stdout
  bool verbose = false; //!< -v/--verbose
  bool quiet = false;   //!< -q/--quiet
};

//! What a command needs from the shell around it: the global flags, a progress sink
//! that prints the way cli.md asks, and the one place results are printed.
class CliContext {
 public:
  GlobalOptions global;

  //! Progress on stderr: rate and ETA on a terminal, plain lines otherwise; silent with -q.
  ProgressCallback progress() const;
  //! Prints the result: `doc` as JSON with --json, else `human` (unless -q and `human` is informational).
  void printResult(const nlohmann::json& doc, const std::string& human) const;
  //! A line on stderr shown unless -q (warnings always show).
  void note(const std::string& line) const;
  void warn(const std::string& line) const;
  //! A line on stderr shown only with -v.
  void detail(const std::string& line) const;
};

}  // namespace filmrecover::cli
