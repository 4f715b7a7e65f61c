#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace filmrecover::farm {

//! Which render-farm scheduler a job is written for.
enum class FarmEngine { Slurm, OpenCue };

//! Parses "slurm" / "opencue"; throws InputError naming the flag value otherwise.
FarmEngine parseFarmEngine(const std::string& name);
std::string farmEngineName(FarmEngine engine);

//! Everything a farm render job needs. Paths are made absolute before they reach a script,
//! because farm nodes do not start in the submitter's working folder.
struct FarmJobOptions {
  FarmEngine engine = FarmEngine::Slurm;
  std::string cliPath;             //!< filmrecover-cli on the farm nodes (default: this binary)
  std::string model;               //!< model file
  std::string input;               //!< SOURCE spec
  std::string output;              //!< output pattern
  std::vector<int> frames;         //!< frames to render (sorted, unique)
  int chunkSize = 10;              //!< frames per farm task
  std::string jobName = "filmrecover-render";
  std::string jobDir;              //!< where the script, chunk list and logs go
  std::vector<std::string> renderArgs;  //!< extra flags passed to `render` (e.g. --mix 0.8)
  // Scheduler resources.
  int cpusPerTask = 4;
  int memoryGb = 8;
  std::string timeLimit = "04:00:00";  //!< Slurm --time per task
  std::string partition;               //!< Slurm partition (empty: the cluster default)
  std::string show = "filmrecover";    //!< OpenCue show
  std::string shot = "default";        //!< OpenCue shot
  std::string user;                    //!< OpenCue user (default: $USER)
  int maxRetries = 2;                  //!< OpenCue retries per frame chunk
};

//! A prepared job: its chunks and the files written for the scheduler.
struct FarmJob {
  FarmJobOptions options;
  std::vector<std::vector<int>> chunks;  //!< frames of each task, in order
  std::string scriptPath;                //!< sbatch script or OpenCue spec XML
  std::string chunksPath;                //!< chunks.json (what each task renders)
  std::vector<std::string> submitCommand;  //!< argv that submits it
};

//! Splits sorted frames into runs of at most `chunkSize`, never across a gap, so each
//! task renders one contiguous range (a frame set like "1001-1010").
std::vector<std::vector<int>> chunkFrames(const std::vector<int>& frames, int chunkSize);

//! Validates the options (InputError naming the flag), makes paths absolute, writes the
//! scheduler's script and chunks.json atomically into jobDir, and says how to submit it.
FarmJob prepareFarmJob(FarmJobOptions options);

//! chunks.json content of a job.
nlohmann::json farmJobJson(const FarmJob& job);

}  // namespace filmrecover::farm
