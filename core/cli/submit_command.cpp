#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <numeric>

#include "core/cli/command.h"
#include "core/cli/submit_train.h"
#include "core/exec/errors.h"
#include "core/farm/chunk_status.h"
#include "core/farm/farm_job.h"
#include "core/farm/job_folder.h"
#include "core/farm/resubmit.h"
#include "core/farm/shell_quote.h"
#include "core/farm/slurm_query.h"
#include "core/farm/submitter.h"
#include "core/infer/infer_settings.h"
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
  std::string engine;
  std::string frames;
  bool dryRun = false;
  std::string mix, format;
  bool stabilise = false;
  std::string cuts;
  int chromaGuideRadius = -1;  //!< -1: render's default
  std::string status, resubmit;  //!< JOB of --status / --resubmit
  farm::FarmJobOptions job;
};

bool allDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// JOB of --status/--resubmit: a job folder (or its chunks.json), or a Slurm job id whose
// folder is --job-dir or, failing that, where Slurm says the job logs to.
struct JobReference {
  std::string dir;
  std::string jobId;  //!< given as a Slurm job id
};

JobReference resolveJob(const std::string& job, const std::string& jobDirFlag, const std::string& flag) {
  namespace fs = std::filesystem;
  JobReference ref;
  if (fs::is_directory(job)) {
    ref.dir = job;
  } else if (fs::path(job).filename() == "chunks.json" && fs::is_regular_file(job)) {
    ref.dir = fs::path(job).parent_path().string();
    if (ref.dir.empty()) ref.dir = ".";
  } else if (allDigits(job)) {
    ref.jobId = job;
    ref.dir = jobDirFlag.empty() ? farm::slurmJobFolderOf(job) : jobDirFlag;
  } else {
    throw InputError(flag + " '" + job + "' is neither a job folder written by submit (with chunks.json) nor a "
                     "Slurm job id.");
  }
  return ref;
}

// sbatch options a resubmission overrides: only the ones given on this command line.
std::vector<std::string> sbatchOverrides(const CLI::App& sub, const farm::FarmJobOptions& j) {
  std::vector<std::string> o;
  if (sub.count("--time")) o.push_back("--time=" + j.timeLimit);
  if (sub.count("--partition")) o.push_back("--partition=" + j.partition);
  if (sub.count("--cpus")) o.push_back("--cpus-per-task=" + std::to_string(j.cpusPerTask));
  if (sub.count("--mem")) o.push_back("--mem=" + std::to_string(j.memoryGb) + "G");
  return o;
}

int runStatusOrResubmit(const CLI::App& sub, const SubmitFlags& flags, CliContext& ctx) {
  const bool resubmit = !flags.resubmit.empty();
  const std::string flag = resubmit ? "--resubmit" : "--status";
  for (const char* jobFlag : {"--engine", "--model", "--input", "--output", "--frames", "--chunk", "--job-name",
                              "--cli", "--show", "--shot", "--max-retries", "--mix", "--format"})
    if (sub.count(jobFlag))
      throw InputError(std::string(jobFlag) + " describes a new job; " + flag +
                       " works on the job folder submit wrote (its chunks.json says what to render).");
  if (!resubmit)
    for (const char* slurmFlag : {"--time", "--partition", "--cpus", "--mem", "--dry-run"})
      if (sub.count(slurmFlag))
        throw InputError(std::string(slurmFlag) + " goes with --resubmit (or a new job), not with --status.");
  const JobReference ref = resolveJob(resubmit ? flags.resubmit : flags.status, flags.job.jobDir, flag);
  const farm::JobFolder folder = farm::openJobFolder(ref.dir);
  const farm::FarmJobStatus status = farm::queryFarmJobStatus(folder, ref.jobId);
  nlohmann::json doc = farm::farmJobStatusJson(status);
  std::string human = farm::farmJobStatusTable(status, ctx.global.verbose, !resubmit);
  if (!resubmit) {
    ctx.printResult(doc, human);
    return 0;
  }
  const auto failed = status.failedTasks();
  if (folder.engine == farm::FarmEngine::Slurm && failed.empty()) {
    doc["resubmitted"] = false;
    human += "nothing to resubmit: no chunk has failed\n";
    ctx.printResult(doc, human);
    return 0;
  }
  if (flags.dryRun) {
    const auto command = farm::resubmitCommand(folder, failed, sbatchOverrides(sub, flags.job));
    doc["resubmitted"] = false;
    doc["resubmit"] = {{"tasks", failed}, {"command", command}};
    human += "dry run: not resubmitted; resubmit with: " + farm::shellJoin(command) + "\n";
    ctx.printResult(doc, human);
    return 0;
  }
  const farm::Submission s = farm::resubmitFailedChunks(status, sbatchOverrides(sub, flags.job));
  doc["resubmitted"] = true;
  doc["resubmit"] = {{"job_id", s.jobId}, {"tasks", s.tasks}, {"command", s.command}};
  human += "resubmitted " + std::to_string(s.tasks.size()) + " failed chunk" + (s.tasks.size() == 1 ? "" : "s") +
           " (tasks " + farm::slurmArraySpec(s.tasks) + ") as Slurm job " + s.jobId + "\n";
  ctx.printResult(doc, human);
  return 0;
}

}  // namespace

Command addSubmitCommand(CLI::App& app) {
  auto flags = std::make_shared<SubmitFlags>();
  auto* sub = app.add_subcommand(
      "submit",
      "Farm rendering of a frame range in chunks: writes a Slurm array script or an OpenCue\n"
      "job spec where each task runs `filmrecover-cli render --skip-existing` on one chunk,\n"
      "then submits it (sbatch / OpenCue's Python API) unless --dry-run.\n"
      "--status JOB tells where each chunk stands (Slurm's task state, frames on disk);\n"
      "--resubmit JOB hands the failed chunks alone back to Slurm.");
  auto& j = flags->job;
  sub->add_option("--engine", flags->engine, "slurm or opencue (required for a new job)");
  sub->add_option("--model", j.model, "Model file to render with (required for a new job)");
  sub->add_option("--input", j.input, "SOURCE to render (required for a new job)");
  sub->add_option("-o,--output", j.output, "Output pattern (frame numbers follow the source; required for a new job)");
  sub->add_option("--frames", flags->frames, "Frame set (default: every frame of the source)");
  sub->add_option("--chunk", j.chunkSize, "Frames per farm task")->capture_default_str();
  sub->add_option("--job-name", j.jobName, "Job name on the farm")->capture_default_str();
  sub->add_option("--job-dir", j.jobDir,
                  "Folder for the script, chunks.json and logs (default: JOBNAME.farm); with --status or "
                  "--resubmit and a Slurm job id: that job's folder");
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
  sub->add_flag("--stabilise", flags->stabilise,
                "Passed to render: filter the recovered colour along the source's motion (as recover renders); "
                "each chunk infers the frames around it it borrows from, so the chunks join without a seam");
  sub->add_option("--cuts", flags->cuts, "Passed to render with --stabilise: first frames of shots (the source's cuts)");
  sub->add_option("--chroma-guide-radius", flags->chromaGuideRadius,
                  "Passed to render: the luma-guided colour filter's radius (0 = off; default: render's, 1)");
  auto* status = sub->add_option("--status", flags->status,
                                 "JOB: where each chunk of a submitted job stands (Slurm task state, frames on "
                                 "disk); JOB is the job folder or a Slurm job id; -v lists every chunk")
                     ->type_name("JOB");
  auto* resubmit = sub->add_option("--resubmit", flags->resubmit,
                                   "JOB: submit only the failed chunks of JOB again, as one Slurm array of those "
                                   "tasks (--time/--partition/--cpus/--mem given here override the script's)")
                       ->type_name("JOB");
  status->excludes(resubmit);
  sub->add_flag("--dry-run", flags->dryRun,
                "Write the job files and print the submit command only (with --resubmit: print it only)");

  const auto train = addSubmitTrainFlags(sub);

  Command c;
  c.parser = sub;
  c.run = [flags, sub, train](CliContext& ctx) {
    if (train->train)
      return runSubmitTrain(*sub, *train, flags->job, thisExecutable(), flags->engine, flags->dryRun, ctx);
    rejectTrainFlagsWithoutTrain(*sub, *train);
    if (!flags->status.empty() || !flags->resubmit.empty()) return runStatusOrResubmit(*sub, *flags, ctx);
    for (const auto& [name, value] : std::vector<std::pair<const char*, const std::string*>>{
             {"--engine", &flags->engine}, {"--model", &flags->job.model}, {"--input", &flags->job.input},
             {"-o", &flags->job.output}})
      if (value->empty())
        throw InputError(std::string(name) + " is required to submit a new job (--status JOB and --resubmit JOB "
                         "need only the job).");
    auto job = flags->job;
    job.engine = farm::parseFarmEngine(flags->engine);
    if (job.cliPath.empty()) job.cliPath = thisExecutable();
    if (!flags->mix.empty()) job.renderArgs.insert(job.renderArgs.end(), {"--mix", flags->mix});
    if (!flags->format.empty()) job.renderArgs.insert(job.renderArgs.end(), {"--format", flags->format});
    if (!flags->cuts.empty() && !flags->stabilise)
      throw InputError("--cuts is for --stabilise (the shots the temporal filter must not cross).");
    if (flags->stabilise) job.renderArgs.push_back("--stabilise");
    if (!flags->cuts.empty()) {
      std::vector<int> cuts = parseFrameSet(flags->cuts);  // InputError naming the set when malformed
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      job.renderArgs.insert(job.renderArgs.end(), {"--cuts", formatFrameSet(cuts)});
    }
    if (flags->chromaGuideRadius >= 0) {
      InferSettings checked;  // refused here, not on every farm node
      checked.chromaGuide.radius = flags->chromaGuideRadius;
      validateInferSettings(checked);
      job.renderArgs.insert(job.renderArgs.end(), {"--chroma-guide-radius", std::to_string(flags->chromaGuideRadius)});
    }
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
      // Recorded at once, so --status and --resubmit know which job ran which chunk.
      farm::Submission s;
      s.jobId = result.jobId;
      s.tasks.resize(prepared.chunks.size());
      std::iota(s.tasks.begin(), s.tasks.end(), 0);
      s.submittedAt = farm::utcTimestamp();
      s.command = prepared.submitCommand;
      farm::recordSubmission(prepared.options.jobDir, s);
      doc["submitted"] = true;
      doc["job_id"] = result.jobId;
      human += "submitted to " + flags->engine + " as " + result.jobId + "; follow it with: filmrecover-cli submit "
               "--status " + farm::shellQuote(prepared.options.jobDir) + "\n";
    }
    ctx.printResult(doc, human);
    return 0;
  };
  return c;
}

}  // namespace filmrecover::cli
