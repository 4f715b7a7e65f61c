#pragma once
// A single-machine Slurm for tests: munged with a generated key and its own socket,
// slurmctld and slurmd on loopback with private ports, state, spool and logs in a scratch
// folder, all from the distribution's packages (slurmctld, slurmd, slurm-client, munge).
// Needs root (slurmd runs jobs as their user). The daemons run under a supervisor process
// that is the subreaper of everything they start and dies with the test process, so
// neither a failed assertion nor a crash leaves a daemon, a slurmstepd or a task behind.
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

namespace filmrecover::test {

class LocalSlurmCluster {
 public:
  //! Starts a cluster of one node with `cpus` CPUs in `dir` (created; must outlive the
  //! cluster) and points the Slurm clients of this process at it (SLURM_CONF). nullptr
  //! and `whyNot` (with the daemons' last log lines) when it cannot start here. Every
  //! wait is bounded: startup gives up after 60 s.
  static std::unique_ptr<LocalSlurmCluster> start(const std::string& dir, int cpus, std::string& whyNot);

  //! stop().
  ~LocalSlurmCluster();
  LocalSlurmCluster(const LocalSlurmCluster&) = delete;
  LocalSlurmCluster& operator=(const LocalSlurmCluster&) = delete;

  //! Cancels every job (waits up to 30 s for them to end), stops the daemons, kills
  //! whatever they left running, restores SLURM_CONF. Idempotent.
  void stop();

  const std::string& confPath() const { return conf_; }
  //! Runs a Slurm client command line through sh, bounded to `seconds`; its stdout, and
  //! the exit status in `exitCode` when given.
  std::string client(const std::string& commandLine, int* exitCode = nullptr, int seconds = 20) const;
  //! The last lines of the daemons' logs, for a failure message.
  std::string logTails() const;

 private:
  LocalSlurmCluster() = default;
  std::string dir_, conf_;
  pid_t supervisor_ = -1;
  bool hadConf_ = false;
  std::string oldConf_;
};

}  // namespace filmrecover::test
