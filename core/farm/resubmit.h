#pragma once
// Handing the failed chunks of a Slurm job back to Slurm: one array job of exactly those
// task indices (`sbatch --array=3,7 SCRIPT`), recorded in the job folder. The script's
// tasks render with --skip-existing, so frames a killed task finished are kept.
#include <string>
#include <vector>

#include "core/farm/chunk_status.h"
#include "core/farm/job_folder.h"

namespace filmrecover::farm {

//! Slurm's --array value for task indices: runs as "a-b", the rest single, comma
//! separated ("0-2,5,7"). Slurm has no "x step" syntax, hence not formatFrameSet.
std::string slurmArraySpec(const std::vector<int>& tasks);

//! The sbatch command that reruns `tasks` of the job: `sbatch --parsable --array=...
//! [overrides] SCRIPT`. `sbatchOverrides` go before the script (e.g. --time=08:00:00 for
//! chunks that timed out): command-line options win over the script's #SBATCH lines.
std::vector<std::string> resubmitCommand(const JobFolder& folder, const std::vector<int>& tasks,
                                         const std::vector<std::string>& sbatchOverrides);

//! Submits the failed chunks of `status` and records the submission. InputError for an
//! OpenCue job (it retries frames itself) or when nothing failed; the submit errors of
//! runSubmitCommand otherwise.
Submission resubmitFailedChunks(const FarmJobStatus& status, const std::vector<std::string>& sbatchOverrides);

}  // namespace filmrecover::farm
