#include "core/farm/submitter.h"

#include "core/exec/errors.h"
#include "core/farm/run_process.h"

namespace filmrecover::farm {

std::string parseSubmittedJobId(const std::string& printed) {
  // sbatch --parsable prints "jobid[;cluster]"; OpenCue's launcher prints the job names.
  std::string id = trimTrailing(printed);
  const auto nl = id.find_last_of('\n');
  if (nl != std::string::npos) id = id.substr(nl + 1);
  const auto semi = id.find(';');
  if (semi != std::string::npos) id = id.substr(0, semi);
  return id;
}

SubmitResult runSubmitCommand(const std::vector<std::string>& command, FarmEngine engine,
                              const std::string& scriptPath) {
  const ProcessResult run = runProcess(command);
  if (!run.started)
    throw InputError("'" + command.front() + "' (the " + farmEngineName(engine) +
                     " client) is not on PATH here; the job is ready to submit by hand: " +
                     scriptPath);
  SubmitResult result;
  result.output = run.out + run.err;
  if (run.exitCode != 0)
    throw RunError("the " + farmEngineName(engine) + " scheduler refused " + scriptPath + ": " +
                   trimTrailing(result.output));
  result.jobId = parseSubmittedJobId(run.out);
  if (result.jobId.empty())
    throw RunError("the " + farmEngineName(engine) + " scheduler accepted " + scriptPath +
                   " but printed no job id: " + trimTrailing(result.output));
  return result;
}

SubmitResult submitFarmJob(const FarmJob& job) {
  return runSubmitCommand(job.submitCommand, job.options.engine, job.scriptPath);
}

}  // namespace filmrecover::farm
