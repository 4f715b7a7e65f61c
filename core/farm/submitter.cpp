#include "core/farm/submitter.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <vector>

#include "core/exec/errors.h"

extern char** environ;

namespace filmrecover::farm {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

SubmitResult submitFarmJob(const FarmJob& job) {
  const auto& argv0 = job.submitCommand.front();
  int pipeFds[2];
  if (pipe(pipeFds) != 0) throw RunError("cannot start '" + argv0 + "': " + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipeFds[0]);

  std::vector<std::string> args = job.submitCommand;
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv0.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipeFds[1]);
  if (rc != 0) {
    close(pipeFds[0]);
    throw InputError("'" + argv0 + "' (the " + farmEngineName(job.options.engine) +
                     " client) is not on PATH here; the job is ready to submit by hand: " +
                     job.scriptPath);
  }
  SubmitResult result;
  std::array<char, 4096> buf;
  ssize_t n;
  while ((n = read(pipeFds[0], buf.data(), buf.size())) > 0) result.output.append(buf.data(), n);
  close(pipeFds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw RunError("the " + farmEngineName(job.options.engine) + " scheduler refused " +
                   job.scriptPath + ": " + trim(result.output));
  // sbatch --parsable prints "jobid[;cluster]"; OpenCue's launcher prints the job names.
  result.jobId = trim(result.output);
  const auto nl = result.jobId.find_last_of('\n');
  if (nl != std::string::npos) result.jobId = result.jobId.substr(nl + 1);
  const auto semi = result.jobId.find(';');
  if (semi != std::string::npos) result.jobId = result.jobId.substr(0, semi);
  return result;
}

}  // namespace filmrecover::farm
