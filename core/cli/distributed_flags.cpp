#include "core/cli/distributed_flags.h"

namespace filmrecover::cli {

DistributedSettings DistributedFlags::resolve() const {
  DistributedRequest r;
  if (worldSizeOption->count()) r.worldSize = worldSize;
  if (rankOption->count()) r.rank = rank;
  if (masterOption->count()) r.master = master;
  if (timeoutOption->count()) r.timeoutSeconds = timeoutSeconds;
  return resolveDistributedSettings(r, processEnvironment());
}

std::shared_ptr<DistributedFlags> addDistributedFlags(CLI::App* command) {
  auto f = std::make_shared<DistributedFlags>();
  const std::string group = "Distributed training (docs/cli/train.md)";
  f->worldSizeOption = command->add_option("--world-size", f->worldSize,
      "Processes training one model together (default: WORLD_SIZE, SLURM_NTASKS, else 1)")->group(group);
  f->rankOption = command->add_option("--rank", f->rank,
      "This process's rank 0..N-1; rank 0 writes every file (default: RANK, SLURM_PROCID, else 0)")->group(group);
  f->masterOption = command->add_option("--master", f->master,
      "ADDR:PORT where rank 0 listens (default: MASTER_ADDR:MASTER_PORT, else the first host of the "
      "Slurm step/job node list, port MASTER_PORT or 29500)")->group(group);
  f->timeoutOption = command->add_option("--dist-timeout", f->timeoutSeconds,
      "Seconds to wait for the other ranks, at the start and each step, before failing "
      "(default: FILMRECOVER_DIST_TIMEOUT, else 600)")->group(group);
  return f;
}

}  // namespace filmrecover::cli
