#include "core/farm/slurm_train_job.h"

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"
#include "core/farm/shell_quote.h"

namespace filmrecover::farm {

namespace {

bool hasArg(const std::vector<std::string>& args, const std::string& flag) {
  return std::any_of(args.begin(), args.end(),
                     [&](const std::string& a) { return a == flag || a.rfind(flag + "=", 0) == 0; });
}

void check(const SlurmTrainJobOptions& o) {
  if (o.nodes < 1) throw InputError("--nodes " + std::to_string(o.nodes) + " must be at least 1.");
  if (o.trainArgs.empty())
    throw InputError("--train needs the training's own arguments after --, e.g. "
                     "-- --mode chroma --input SRC --target ALIGNED --dataset dataset.json -o film.frm");
  // Slurm gives each task its place; a fixed one in the arguments would give every task the same.
  for (const char* flag : {"--rank", "--world-size", "--master"})
    if (hasArg(o.trainArgs, flag))
      throw InputError(std::string(flag) + " is set by Slurm for each task (SLURM_PROCID, SLURM_NTASKS and the "
                       "first node); leave it out of the train arguments.");
  if (o.masterPort < 0 || o.masterPort > 65535)
    throw InputError("--master-port " + std::to_string(o.masterPort) + " is outside 1..65535 (0 = from the job id).");
  if (o.jobName.empty() || o.jobName.find_first_of(" \t\n\r") != std::string::npos)
    throw InputError("--job-name '" + o.jobName + "' must be one word.");
}

}  // namespace

std::string slurmTrainScript(const SlurmTrainJobOptions& o) {
  check(o);
  const std::string script = (std::filesystem::path(o.jobDir) / "train.sbatch").string();
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# filmrecover multi-node training, written by filmrecover-cli submit --train. Submit with: sbatch "
    << shellQuote(script) << "\n"
    << "#SBATCH --job-name=" << o.jobName << "\n"
    << "#SBATCH --nodes=" << o.nodes << "\n"
    << "#SBATCH --ntasks-per-node=1\n";
  if (o.cpusPerTask > 0) s << "#SBATCH --cpus-per-task=" << o.cpusPerTask << "\n";
  if (o.memoryGb > 0) s << "#SBATCH --mem=" << o.memoryGb << "G\n";
  if (o.gpusPerNode > 0) s << "#SBATCH --gpus-per-node=" << o.gpusPerNode << "\n";
  s << "#SBATCH --time=" << o.timeLimit << "\n";
  if (!o.partition.empty()) s << "#SBATCH --partition=" << o.partition << "\n";
  s << "#SBATCH --output=" << o.jobDir << "/logs/%x-%j.log\n"
    << "set -euo pipefail\n\n"
    << "# Rank 0 runs on the allocation's first node and listens there. srun gives each task its\n"
    << "# rank (SLURM_PROCID) and the world size (SLURM_NTASKS); filmrecover-cli train reads them\n"
    << "# with MASTER_ADDR and MASTER_PORT.\n"
    << "MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)\n"
    << "export MASTER_ADDR\n";
  if (o.masterPort > 0)
    s << "export MASTER_PORT=" << o.masterPort << "\n";
  else
    s << "# A port of its own per job, so two jobs sharing a node do not collide.\n"
      << "export MASTER_PORT=${MASTER_PORT:-$((20000 + SLURM_JOB_ID % 20000))}\n";
  if (!o.workDir.empty())
    s << "# Relative paths in the train arguments are the submitter's.\n"
      << "cd " << shellQuote(o.workDir) << "\n";
  s << "echo \"filmrecover training on $SLURM_JOB_NUM_NODES node(s), rank 0 at $MASTER_ADDR:$MASTER_PORT\"\n"
    << "# --kill-on-bad-exit: a rank that fails ends the others at once (they would otherwise\n"
    << "# wait out the collective timeout, --dist-timeout).\n";
  std::vector<std::string> command = {o.cliPath, "train"};
  command.insert(command.end(), o.trainArgs.begin(), o.trainArgs.end());
  s << "exec srun --kill-on-bad-exit=1 --nodes=" << o.nodes << " --ntasks-per-node=1 " << shellJoin(command);
  if (o.cpusPerTask > 0 && !hasArg(o.trainArgs, "--threads"))
    s << " --threads \"${SLURM_CPUS_PER_TASK:-" << o.cpusPerTask << "}\"";
  s << "\n";
  return s.str();
}

PreparedTrainJob prepareSlurmTrainJob(SlurmTrainJobOptions o) {
  if (o.jobDir.empty()) o.jobDir = o.jobName + ".farm";
  o.jobDir = std::filesystem::absolute(o.jobDir).lexically_normal().string();
  if (o.workDir.empty()) o.workDir = std::filesystem::current_path().string();
  PreparedTrainJob job;
  const std::string text = slurmTrainScript(o);  // checks the options first
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(o.jobDir) / "logs", ec);
  if (ec) throw RunError("cannot create the job folder '" + o.jobDir + "': " + ec.message() + ".");
  job.scriptPath = (std::filesystem::path(o.jobDir) / "train.sbatch").string();
  writeFileAtomic(job.scriptPath, text, true);
  job.submitCommand = {"sbatch", "--parsable", job.scriptPath};
  job.options = std::move(o);
  return job;
}

std::string submitSlurmTrainJob(const PreparedTrainJob& job) {
  // Through sh with every argument quoted: sbatch's answer (stdout and stderr) and its status.
  FILE* pipe = popen((shellJoin(job.submitCommand) + " 2>&1").c_str(), "r");
  if (!pipe) throw RunError("cannot start sbatch for '" + job.scriptPath + "'.");
  std::string printed;
  char buffer[4096];
  while (const size_t n = fread(buffer, 1, sizeof buffer, pipe)) printed.append(buffer, n);
  const int status = pclose(pipe);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  while (!printed.empty() && (printed.back() == '\n' || printed.back() == '\r' || printed.back() == ' '))
    printed.pop_back();
  if (code == 127)  // sh: command not found
    throw InputError("'sbatch' (Slurm) is not installed on this machine; the job is ready in '" + job.scriptPath +
                     "': submit it from a Slurm login node with: sbatch " + shellQuote(job.scriptPath));
  if (code != 0) throw RunError("Slurm refused the training job '" + job.scriptPath + "': " + printed);
  // sbatch --parsable prints "jobid[;cluster]" as its last line.
  std::string id = printed;
  if (const auto nl = id.rfind('\n'); nl != std::string::npos) id = id.substr(nl + 1);
  if (const auto semi = id.find(';'); semi != std::string::npos) id.resize(semi);
  if (id.empty()) throw RunError("sbatch printed no job id for '" + job.scriptPath + "'.");
  return id;
}

}  // namespace filmrecover::farm
