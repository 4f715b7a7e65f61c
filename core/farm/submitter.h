#pragma once
#include <string>
#include <vector>

#include "core/farm/farm_job.h"

namespace filmrecover::farm {

//! What the scheduler said when the job was handed to it.
struct SubmitResult {
  std::string jobId;   //!< Slurm job id / OpenCue job name(s)
  std::string output;  //!< everything the submit command printed
};

//! Runs the job's submit command (sbatch, or OpenCue's Python API). InputError when the
//! scheduler's client is not installed here (the script stays ready to submit by hand),
//! RunError when the scheduler refuses the job (its message included).
SubmitResult submitFarmJob(const FarmJob& job);

//! Runs a submit command (`sbatch --parsable ...`) with the errors of submitFarmJob;
//! `scriptPath` is the job file named in them.
SubmitResult runSubmitCommand(const std::vector<std::string>& command, FarmEngine engine,
                              const std::string& scriptPath);

//! The job id in what a submit command printed: the last line, without sbatch's
//! ";cluster" suffix.
std::string parseSubmittedJobId(const std::string& printed);

}  // namespace filmrecover::farm
