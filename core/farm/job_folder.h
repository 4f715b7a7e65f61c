#pragma once
// A farm job's folder as `submit` left it: chunks.json (the task -> frames table, the
// output pattern, the script) and submissions.json (every time the job, or part of it,
// was handed to the scheduler). `submit --status` and `--resubmit` read it back.
#include <string>
#include <vector>

#include "core/farm/farm_job.h"

namespace filmrecover::farm {

//! One hand-over to the scheduler: a whole job, or the failed chunks of one.
struct Submission {
  std::string jobId;              //!< Slurm job id (OpenCue: the job names)
  std::vector<int> tasks;         //!< array task indices it runs (= chunk indices)
  std::string submittedAt;        //!< UTC, ISO 8601
  std::vector<std::string> command;  //!< argv that submitted it
};

struct JobFolder {
  std::string dir;
  FarmEngine engine = FarmEngine::Slurm;
  std::string jobName;
  std::string output;                    //!< output pattern of the render
  std::string scriptPath;                //!< sbatch script / OpenCue spec
  std::vector<std::vector<int>> chunks;  //!< frames of task i
  std::vector<Submission> submissions;   //!< oldest first; empty before the first submit
};

//! File names inside a job folder.
std::string chunksJsonPath(const std::string& jobDir);
std::string submissionsJsonPath(const std::string& jobDir);

//! Reads `jobDir`/chunks.json and submissions.json (absent: no submission yet).
//! InputError naming the file when the folder is not a job folder or a file is damaged.
JobFolder openJobFolder(const std::string& jobDir);

//! Appends `submission` to `jobDir`/submissions.json, rewriting it atomically, so a
//! crash never loses the ids of the jobs already running.
void recordSubmission(const std::string& jobDir, const Submission& submission);

//! Now, UTC, ISO 8601 ("2026-12-04T21:44:20Z").
std::string utcTimestamp();

}  // namespace filmrecover::farm
