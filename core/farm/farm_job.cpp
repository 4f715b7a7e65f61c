#include "core/farm/farm_job.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/exec/errors.h"
#include "core/exec/atomic_file.h"
#include "core/farm/opencue_spec.h"
#include "core/farm/slurm_script.h"
#include "core/io/frame_set.h"

namespace filmrecover::farm {
namespace fs = std::filesystem;

FarmEngine parseFarmEngine(const std::string& name) {
  if (name == "slurm") return FarmEngine::Slurm;
  if (name == "opencue") return FarmEngine::OpenCue;
  throw InputError("--engine '" + name + "' is not a known farm engine (slurm or opencue).");
}

std::string farmEngineName(FarmEngine engine) {
  return engine == FarmEngine::Slurm ? "slurm" : "opencue";
}

std::vector<std::vector<int>> chunkFrames(const std::vector<int>& frames, int chunkSize) {
  std::vector<std::vector<int>> chunks;
  for (int f : frames) {
    const bool contiguous = !chunks.empty() && chunks.back().back() + 1 == f;
    if (!contiguous || static_cast<int>(chunks.back().size()) >= chunkSize) chunks.emplace_back();
    chunks.back().push_back(f);
  }
  return chunks;
}

namespace {

std::string absolute(const std::string& path) {
  return path.empty() ? path : fs::absolute(path).lexically_normal().string();
}

void validate(const FarmJobOptions& o) {
  if (o.model.empty()) throw InputError("--model is required: the model file the farm renders with.");
  if (!fs::exists(o.model)) throw InputError("--model '" + o.model + "' does not exist.");
  if (o.input.empty()) throw InputError("--input is required: the source the farm renders.");
  if (o.output.empty()) throw InputError("-o is required: the output pattern of the render.");
  if (o.frames.empty()) throw InputError("--frames selects no frame to render.");
  if (o.chunkSize < 1) throw InputError("--chunk must be at least 1.");
  if (o.cpusPerTask < 1) throw InputError("--cpus must be at least 1.");
}

// A job folder written again with other chunks: the recorded submissions ran tasks of the
// old table, so `submit --status` would judge the new chunks by them. They go.
void forgetSubmissionsOfOtherChunks(const std::string& jobDir, const std::string& chunksPath,
                                    const nlohmann::json& chunks) {
  const auto submissions = fs::path(jobDir) / "submissions.json";
  if (!fs::exists(submissions)) return;
  try {
    std::ifstream in(chunksPath);
    if (nlohmann::json::parse(in).at("chunks") == chunks) return;
  } catch (const std::exception&) {
    // An unreadable old table cannot vouch for the submissions either.
  }
  std::error_code ec;
  fs::remove(submissions, ec);
  if (ec) throw RunError("cannot remove the outdated '" + submissions.string() + "': " + ec.message());
}

}  // namespace

nlohmann::json farmJobJson(const FarmJob& job) {
  nlohmann::json chunks = nlohmann::json::array();
  for (size_t i = 0; i < job.chunks.size(); ++i)
    chunks.push_back({{"task", i}, {"frames", formatFrameSet(job.chunks[i])}});
  return {{"engine", farmEngineName(job.options.engine)},
          {"job", job.options.jobName},
          {"model", job.options.model},
          {"input", job.options.input},
          {"output", job.options.output},
          {"frames", formatFrameSet(job.options.frames)},
          {"chunk_size", job.options.chunkSize},
          {"script", job.scriptPath},
          {"submit", job.submitCommand},
          {"chunks", chunks}};
}

FarmJob prepareFarmJob(FarmJobOptions options) {
  validate(options);
  std::sort(options.frames.begin(), options.frames.end());
  options.frames.erase(std::unique(options.frames.begin(), options.frames.end()), options.frames.end());
  options.cliPath = absolute(options.cliPath);
  options.model = absolute(options.model);
  options.output = absolute(options.output);
  // A movie or sequence path is made absolute; the pattern tokens survive fs::absolute.
  options.input = absolute(options.input);
  if (options.jobDir.empty()) options.jobDir = options.jobName + ".farm";
  options.jobDir = absolute(options.jobDir);
  if (options.user.empty()) options.user = std::getenv("USER") ? std::getenv("USER") : "filmrecover";

  std::error_code ec;
  fs::create_directories(fs::path(options.jobDir) / "logs", ec);
  if (ec) throw RunError("cannot create the job folder '" + options.jobDir + "': " + ec.message());

  FarmJob job;
  job.options = options;
  job.chunks = chunkFrames(options.frames, options.chunkSize);
  if (options.engine == FarmEngine::Slurm) {
    job.scriptPath = (fs::path(options.jobDir) / (options.jobName + ".sbatch")).string();
    writeFileAtomic(job.scriptPath, slurmScript(job), true);
    job.submitCommand = {"sbatch", "--parsable", job.scriptPath};
  } else {
    job.scriptPath = (fs::path(options.jobDir) / (options.jobName + ".cuespec.xml")).string();
    writeFileAtomic(job.scriptPath, openCueSpec(job), false);
    // OpenCue has no stock command that submits a spec file: its Python API does.
    job.submitCommand = {"python3", "-c",
                         "import sys, opencue\n"
                         "jobs = opencue.api.launchSpecAndWait(open(sys.argv[1]).read())\n"
                         "print(' '.join(j.name() for j in jobs))",
                         job.scriptPath};
  }
  job.chunksPath = (fs::path(options.jobDir) / "chunks.json").string();
  const nlohmann::json doc = farmJobJson(job);
  forgetSubmissionsOfOtherChunks(options.jobDir, job.chunksPath, doc["chunks"]);
  writeFileAtomic(job.chunksPath, doc.dump(2) + "\n", false);
  return job;
}

}  // namespace filmrecover::farm
