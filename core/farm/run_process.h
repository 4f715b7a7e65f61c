#pragma once
#include <string>
#include <vector>

namespace filmrecover::farm {

//! What a scheduler client (sbatch, squeue, sacct, scontrol) did.
struct ProcessResult {
  bool started = false;  //!< false: the program is not on PATH (or cannot be executed)
  int exitCode = -1;     //!< exit status; 128 + signal when killed
  std::string out;       //!< its stdout
  std::string err;       //!< its stderr
};

//! Runs argv[0] (looked up on PATH) with the given arguments, no shell, this process's
//! environment, and collects stdout and stderr apart (squeue's table must not mix with
//! its warnings).
ProcessResult runProcess(const std::vector<std::string>& argv);

//! `text` without trailing newlines, carriage returns and spaces.
std::string trimTrailing(std::string text);

}  // namespace filmrecover::farm
