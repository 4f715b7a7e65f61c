#pragma once
// `submit --engine slurm --train ... -- TRAIN ARGS`: multi-node training through Slurm.
#include <memory>
#include <string>
#include <vector>

#include "core/cli/command.h"
#include "core/farm/farm_job.h"
#include "core/farm/slurm_train_job.h"

namespace filmrecover::cli {

struct SubmitTrainFlags {
  bool train = false;
  int nodes = 2, gpusPerNode = 0, masterPort = 0;
  std::vector<std::string> trainArgs;  //!< everything after --
};

//! Adds --train, --nodes, --gpus-per-node, --master-port and the TRAINARGS after -- to submit.
std::shared_ptr<SubmitTrainFlags> addSubmitTrainFlags(CLI::App* submit);

//! Writes (and unless `dryRun` submits) the training job. The job-wide options (--job-name,
//! --job-dir, --cli, --cpus, --mem, --time, --partition) come from `given`, taken only where
//! given on this command line (a render's defaults are not a training's); --cli defaults to
//! `thisCli`. Throws InputError naming a flag that does not go with --train.
int runSubmitTrain(const CLI::App& submit, const SubmitTrainFlags& flags, const farm::FarmJobOptions& given,
                   const std::string& thisCli, const std::string& engine, bool dryRun, CliContext& ctx);

//! Throws InputError when --nodes, --gpus-per-node, --master-port or arguments after -- are
//! given to a render job (they would be ignored).
void rejectTrainFlagsWithoutTrain(const CLI::App& submit, const SubmitTrainFlags& flags);

}  // namespace filmrecover::cli
