#pragma once
// Where each chunk of a farm job stands: what the scheduler says of the task that last
// ran it, and which of its frames are on disk. `submit --status` prints it, `--resubmit`
// hands the failed chunks back to Slurm.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/farm/job_folder.h"
#include "core/farm/slurm_query.h"

namespace filmrecover::farm {

enum class ChunkVerdict {
  Done,          //!< every frame of the chunk is on disk
  Active,        //!< its task is pending or running (or requeued, suspended)
  Failed,        //!< its task ended and frames are missing: resubmit it
  NotSubmitted,  //!< frames missing and no submission ran it (a --dry-run job)
  Incomplete,    //!< frames missing, scheduler not asked (OpenCue: its own tools tell)
};
std::string chunkVerdictName(ChunkVerdict v);

struct ChunkStatus {
  int task = 0;
  std::vector<int> frames;
  std::vector<int> missing;    //!< frames whose output file is not there
  std::string jobId;           //!< the submission that last ran this task ("" when none)
  std::string schedulerState;  //!< Slurm's state of that task; "" when it has no record
  std::string exitCode;
  std::string logPath;         //!< the task's Slurm log
  ChunkVerdict verdict = ChunkVerdict::Done;
  std::string why;             //!< one sentence, for anything but a plain done
};

struct FarmJobStatus {
  JobFolder folder;
  std::vector<ChunkStatus> chunks;
  bool schedulerAsked = false;
  std::string accountingNote;  //!< why sacct was not used, when it was not
  int count(ChunkVerdict v) const;
  //! Tasks of the failed chunks, ascending.
  std::vector<int> failedTasks() const;
};

//! Frames of `frames` whose output (by `outputPattern`) does not exist.
std::vector<int> missingOutputFrames(const std::string& outputPattern, const std::vector<int>& frames);

//! True for Slurm states of a task that has not ended (PENDING, RUNNING, REQUEUED, ...).
bool slurmStateIsActive(const std::string& state);

//! The verdict on one Slurm chunk. `state` is empty when Slurm has no record of the task
//! (or the chunk was never submitted: `jobId` empty). A task that ended badly after
//! writing every frame is Done (its frames are whole: each is written atomically); an
//! ended task with frames missing is Failed whatever its state (COMPLETED included:
//! frames removed since, or a render that skipped unreadable source frames).
ChunkStatus judgeSlurmChunk(int task, std::vector<int> frames, std::vector<int> missing, const std::string& jobId,
                            const std::optional<SlurmTaskState>& state, const std::string& logPath);

//! Status from already gathered scheduler answers: `states[jobId]` for each submission
//! (a task counts under the latest submission that ran it). `extraJobId`, when not
//! empty and not recorded, is taken to have run every task (a job submitted by hand).
FarmJobStatus farmJobStatusFrom(const JobFolder& folder, const std::map<std::string, SlurmTaskStates>& states,
                                const std::string& extraJobId = "");

//! Asks the scheduler (Slurm: squeue, sacct) about every recorded submission and looks
//! at the frames on disk. OpenCue jobs are judged by the disk alone.
FarmJobStatus queryFarmJobStatus(const JobFolder& folder, const std::string& extraJobId = "");

nlohmann::json farmJobStatusJson(const FarmJobStatus& status);
//! A table for a supervisor: one line per chunk that is not plainly done (all of them
//! with `everyChunk`), after the counts; with `suggestResubmit`, the command that reruns
//! the failed ones.
std::string farmJobStatusTable(const FarmJobStatus& status, bool everyChunk, bool suggestResubmit = true);

}  // namespace filmrecover::farm
