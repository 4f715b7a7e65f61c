#pragma once
// Where this process stands in a training job spread over several processes (and machines).
// No LibTorch here: the CLI and the farm read it too.
#include <functional>
#include <optional>
#include <string>

namespace filmrecover {

//! One process's place in a distributed training run: W processes (ranks 0..W-1) train one
//! model, meeting at rank 0's rendezvous address. worldSize 1 is ordinary training.
struct DistributedSettings {
  int worldSize = 1;
  int rank = 0;
  std::string masterAddr;  //!< host (name or address) where rank 0 listens
  int masterPort = 0;      //!< its TCP port
  //! Seconds to wait for the other ranks: at the rendezvous, and for every collective (a rank
  //! that died or hangs ends the others with an error after this long instead of a hang).
  int timeoutSeconds = 600;

  bool enabled() const { return worldSize > 1; }
  //! "rank 1 of 4" (for messages).
  std::string describe() const;
};

//! What the command line gave (unset fields are taken from the environment).
struct DistributedRequest {
  std::optional<int> worldSize, rank, timeoutSeconds;
  std::optional<std::string> master;  //!< "ADDR:PORT"
};

//! Looks an environment variable up (std::getenv in the tools; a map in tests).
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;
//! The process's own environment.
EnvironmentLookup processEnvironment();

//! Resolves flags over the environment: --world-size / WORLD_SIZE / SLURM_NTASKS,
//! --rank / RANK / SLURM_PROCID, --master / MASTER_ADDR + MASTER_PORT / the first host of
//! SLURM_STEP_NODELIST or SLURM_JOB_NODELIST (port from MASTER_PORT, else 29500),
//! --dist-timeout / FILMRECOVER_DIST_TIMEOUT. Flags win over the environment. Throws InputError
//! naming the flag (or variable) on a bad value: a rank outside 0..W-1, a world size < 1, a
//! master without a port, a port outside 1..65535, no master when W > 1.
DistributedSettings resolveDistributedSettings(const DistributedRequest& flags, const EnvironmentLookup& env);

//! "ADDR:PORT" (also "[v6addr]:PORT") as {addr, port}; throws InputError naming `what`.
std::pair<std::string, int> parseMasterAddress(const std::string& text, const std::string& what);

//! The first host of a Slurm host list: "node[03-05,9],gpu1" -> "node03", "a,b" -> "a".
//! Throws InputError naming `what` when the list is empty or malformed.
std::string firstSlurmHost(const std::string& nodeList, const std::string& what);

}  // namespace filmrecover
