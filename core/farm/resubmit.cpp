#include "core/farm/resubmit.h"

#include <algorithm>

#include "core/exec/errors.h"
#include "core/farm/submitter.h"

namespace filmrecover::farm {

std::string slurmArraySpec(const std::vector<int>& tasksIn) {
  std::vector<int> tasks = tasksIn;
  std::sort(tasks.begin(), tasks.end());
  tasks.erase(std::unique(tasks.begin(), tasks.end()), tasks.end());
  std::string spec;
  for (size_t i = 0; i < tasks.size();) {
    size_t j = i;
    while (j + 1 < tasks.size() && tasks[j + 1] == tasks[j] + 1) ++j;
    if (!spec.empty()) spec += ",";
    spec += std::to_string(tasks[i]);
    if (j > i) spec += "-" + std::to_string(tasks[j]);
    i = j + 1;
  }
  return spec;
}

std::vector<std::string> resubmitCommand(const JobFolder& folder, const std::vector<int>& tasks,
                                         const std::vector<std::string>& sbatchOverrides) {
  std::vector<std::string> command = {"sbatch", "--parsable", "--array=" + slurmArraySpec(tasks)};
  command.insert(command.end(), sbatchOverrides.begin(), sbatchOverrides.end());
  command.push_back(folder.scriptPath);
  return command;
}

Submission resubmitFailedChunks(const FarmJobStatus& status, const std::vector<std::string>& sbatchOverrides) {
  const auto& folder = status.folder;
  if (folder.engine != FarmEngine::Slurm)
    throw InputError("--resubmit is for Slurm jobs; " + folder.dir +
                     " is an OpenCue job, whose frames OpenCue retries itself (--max-retries) and "
                     "CueGUI or `cueadmin` retry by hand.");
  const auto tasks = status.failedTasks();
  if (tasks.empty())
    throw InputError("no chunk of " + folder.dir + " has failed: nothing to resubmit (see submit --status).");
  Submission s;
  s.tasks = tasks;
  s.command = resubmitCommand(folder, tasks, sbatchOverrides);
  s.jobId = runSubmitCommand(s.command, folder.engine, folder.scriptPath).jobId;
  s.submittedAt = utcTimestamp();
  recordSubmission(folder.dir, s);
  return s;
}

}  // namespace filmrecover::farm
