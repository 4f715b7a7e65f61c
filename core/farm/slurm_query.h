#pragma once
// What Slurm knows about the tasks of an array job: squeue for what the controller still
// holds (pending, running, and ended tasks for MinJobAge), sacct for what accounting
// kept after that. Both are plain client calls, so this works wherever sbatch does.
#include <map>
#include <string>

namespace filmrecover::farm {

struct SlurmTaskState {
  std::string state;     //!< Slurm job state, first word ("COMPLETED", "CANCELLED", ...)
  std::string exitCode;  //!< "exit:signal" when accounting reports it ("0:15"), else empty
  std::string source;    //!< "squeue" or "sacct"
};

//! Array task index -> its state.
using SlurmTaskStates = std::map<int, SlurmTaskState>;

//! `squeue --array --states=all --noheader --format=%F|%K|%T` lines of job `jobId`.
//! Lines of other jobs and non-array records are ignored.
SlurmTaskStates parseSqueueTasks(const std::string& text, const std::string& jobId);

//! `sacct --allocations --noheader --parsable2 --format=JobID,State,ExitCode` lines:
//! "42_3|CANCELLED by 0|0:15", pending ranges "42_[5-9%2]|PENDING|0:0".
SlurmTaskStates parseSacctTasks(const std::string& text, const std::string& jobId);

//! The tasks of one array job.
struct SlurmJobQuery {
  SlurmTaskStates tasks;
  bool accounting = false;     //!< sacct answered
  std::string accountingNote;  //!< why sacct did not (accounting disabled, not installed)
};

//! Asks squeue and sacct about array job `jobId`; squeue's answer wins where both know a
//! task (it is the controller's current view). A job the controller has forgotten gives
//! no squeue records, not an error. InputError when squeue is not installed; RunError
//! when it cannot reach the controller (its message included), so a status never calls
//! tasks failed because the scheduler was unreachable.
SlurmJobQuery querySlurmArrayJob(const std::string& jobId);

//! The job folder of Slurm job `jobId`, from where the controller says its log goes
//! (`JOBDIR/logs/NAME-ID_TASK.log`, the sbatch script's --output). InputError when the
//! controller no longer knows the job.
std::string slurmJobFolderOf(const std::string& jobId);

}  // namespace filmrecover::farm
