#include <unistd.h>

#include <filesystem>

#include "core/cli/command.h"
#include "core/farm/farm_job.h"
#include "core/farm/submitter.h"
#include "core/io/frame_set.h"
#include "core/io/frame_source.h"

namespace filmrecover::cli {
namespace {

// The farm runs the same filmrecover-cli build as the submitter unless --cli says otherwise.
std::string thisExecutable() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("filmrecover-cli") : p.string();
}

struct SubmitFlags {
  std::string engine = "slurm";
  std::string frames;
  bool dryRun = false;
  std::string mix, format;
  farm::FarmJobOptions job;
};

}  // namespace

Command addSubmitCommand(CLI::App& app) {
  auto flags = std::make_shared<SubmitFlags>();
  auto* sub = app.add_subcommand(
      "submit",
      "Farm rendering of a frame range in chunks: writes a Slurm array script or an OpenCue\n"
      "job spec where each task runs `filmrecover-cli render --skip-existing` on one chunk,\n"
      "then submits it (sbatch / OpenCue's Python API) unless --dry-run.");
  auto& j = flags->job;
  sub->add_option("--engine", flags->engine, "slurm or opencue")->required();
  sub->add_option("--model", j.model, "Model file to render with")->required();
  sub->add_option("--input", j.input, "SOURCE to render")->required();
  sub->add_option("-o,--output", j.output, "Output pattern (frame numbers follow the source)")->required();
  sub->add_option("--frames", flags->frames, "Frame set (default: every frame of the source)");
  sub->add_option("--chunk", j.chunkSize, "Frames per farm task")->capture_default_str();
  sub->add_option("--job-name", j.jobName, "Job name on the farm")->capture_default_str();
  sub->add_option("--job-dir", j.jobDir, "Folder for the script, chunks.json and logs (default: JOBNAME.farm)");
  sub->add_option("--cli", j.cliPath, "filmrecover-cli path on the farm nodes (default: this one)");
  sub->add_option("--cpus", j.cpusPerTask, "Cores per task")->capture_default_str();
  sub->add_option("--mem", j.memoryGb, "Memory per task in GB")->capture_default_str();
  sub->add_option("--time", j.timeLimit, "Slurm time limit per task")->capture_default_str();
  sub->add_option("--partition", j.partition, "Slurm partition");
  sub->add_option("--show", j.show, "OpenCue show")->capture_default_str();
  sub->add_option("--shot", j.shot, "OpenCue shot")->capture_default_str();
  sub->add_option("--max-retries", j.maxRetries, "OpenCue retries per chunk")->capture_default_str();
  sub->add_option("--mix", flags->mix, "Passed to render: blend with the source (0..1)");
  sub->add_option("--format", flags->format, "Passed to render: output format override");
  sub->add_flag("--dry-run", flags->dryRun, "Write the job files and print the submit command only");

  Command c;
  c.parser = sub;
  c.run = [flags](CliContext& ctx) {
    auto job = flags->job;
    job.engine = farm::parseFarmEngine(flags->engine);
    if (job.cliPath.empty()) job.cliPath = thisExecutable();
    if (!flags->mix.empty()) job.renderArgs.insert(job.renderArgs.end(), {"--mix", flags->mix});
    if (!flags->format.empty()) job.renderArgs.insert(job.renderArgs.end(), {"--format", flags->format});
    job.frames = flags->frames.empty() ? FrameSource::open(job.input)->info().frames
                                       : parseFrameSet(flags->frames);
    const farm::FarmJob prepared = farm::prepareFarmJob(job);
    nlohmann::json doc = farm::farmJobJson(prepared);
    std::string human = "job files in " + prepared.options.jobDir + ": " +
                        std::to_string(prepared.chunks.size()) + " tasks of up to " +
                        std::to_string(job.chunkSize) + " frames\n";
    if (flags->dryRun) {
      doc["submitted"] = false;
      human += "dry run: not submitted; submit with: " + prepared.submitCommand.front() + " " +
               prepared.scriptPath + "\n";
    } else {
      const auto result = farm::submitFarmJob(prepared);
      doc["submitted"] = true;
      doc["job_id"] = result.jobId;
      human += "submitted to " + flags->engine + " as " + result.jobId + "\n";
    }
    ctx.printResult(doc, human);
    return 0;
  };
  return c;
}

}  // namespace filmrecover::cli
