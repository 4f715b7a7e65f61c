#pragma once
// `submit --engine slurm --train`: one training run spread over N nodes (one rank per node).
#include <string>
#include <vector>

namespace filmrecover::farm {

//! A multi-node training job: `srun filmrecover-cli train TRAINARGS` on `nodes` nodes, one
//! task each; rank 0 runs on the allocation's first node and every rank finds it there
//! (docs/farm.md, "Multi-node training").
struct SlurmTrainJobOptions {
  std::vector<std::string> trainArgs;  //!< the arguments of `filmrecover-cli train` (-o, --mode, ...)
  int nodes = 2;
  std::string jobName = "filmrecover-train";
  std::string jobDir;                  //!< script and log folder (default: JOBNAME.farm)
  std::string cliPath = "filmrecover-cli";
  int cpusPerTask = 0;                 //!< cores per node for the trainer (0 = Slurm's default)
  int memoryGb = 0;                    //!< memory per node in GB (0 = Slurm's default)
  int gpusPerNode = 0;                 //!< GPUs per node (0 = none asked for)
  std::string timeLimit = "24:00:00";
  std::string partition;
  //! TCP port of rank 0's rendezvous; 0 = 20000 + job id mod 20000 (two jobs sharing a node
  //! do not collide).
  int masterPort = 0;
  //! Where the tasks start, so that relative paths in trainArgs mean what they meant to the
  //! submitter (default: the current folder when the job is prepared).
  std::string workDir;
};

//! The sbatch script. Throws InputError naming the flag when an option is out of range
//! (nodes < 1, no train arguments, a train argument that sets the rank or master itself).
std::string slurmTrainScript(const SlurmTrainJobOptions& options);

//! The job written to disk: its folder, script and the command that submits it.
struct PreparedTrainJob {
  SlurmTrainJobOptions options;  //!< with the defaults filled in
  std::string scriptPath;
  std::vector<std::string> submitCommand;  //!< sbatch --parsable SCRIPT
};

//! Writes JOBDIR/train.sbatch (atomically, executable) and JOBDIR/logs/.
PreparedTrainJob prepareSlurmTrainJob(SlurmTrainJobOptions options);

//! Runs sbatch on the prepared script; returns Slurm's job id. InputError when sbatch is not
//! installed here (the script is ready to submit by hand), RunError when Slurm refuses the job.
std::string submitSlurmTrainJob(const PreparedTrainJob& job);

}  // namespace filmrecover::farm
