#include "core/cli/submit_train.h"

#include "core/exec/errors.h"
#include "core/farm/shell_quote.h"

namespace filmrecover::cli {

std::shared_ptr<SubmitTrainFlags> addSubmitTrainFlags(CLI::App* submit) {
  auto f = std::make_shared<SubmitTrainFlags>();
  const std::string group = "Multi-node training (--engine slurm --train; docs/farm.md)";
  submit->add_flag("--train", f->train,
                   "Submit a training run over --nodes nodes instead of a render: `srun filmrecover-cli train "
                   "TRAINARGS`, one rank per node, rank 0 on the first node writing the model")->group(group);
  submit->add_option("--nodes", f->nodes, "Nodes (one training process each)")->capture_default_str()->group(group);
  submit->add_option("--gpus-per-node", f->gpusPerNode, "GPUs asked for per node (0 = none)")
      ->capture_default_str()->group(group);
  submit->add_option("--master-port", f->masterPort,
                     "Rank 0's rendezvous port (default: 20000 + job id mod 20000)")->group(group);
  submit->add_option("TRAINARGS", f->trainArgs, "After --: the arguments of `filmrecover-cli train`")->group(group);
  return f;
}

int runSubmitTrain(const CLI::App& submit, const SubmitTrainFlags& flags, const farm::FarmJobOptions& given,
                   const std::string& thisCli, const std::string& engine, bool dryRun, CliContext& ctx) {
  if (engine != "slurm")
    throw InputError("--train runs on Slurm only: give --engine slurm (got '" + engine + "').");
  for (const char* renderFlag : {"--model", "--input", "--output", "--frames", "--chunk", "--mix", "--format",
                                 "--show", "--shot", "--max-retries", "--status", "--resubmit"})
    if (submit.count(renderFlag))
      throw InputError(std::string(renderFlag) + " belongs to a render job; with --train the training's own "
                       "arguments go after --.");
  farm::SlurmTrainJobOptions o;
  o.cliPath = submit.count("--cli") ? given.cliPath : thisCli;
  if (submit.count("--job-name")) o.jobName = given.jobName;
  if (submit.count("--job-dir")) o.jobDir = given.jobDir;
  if (submit.count("--cpus")) o.cpusPerTask = given.cpusPerTask;
  if (submit.count("--mem")) o.memoryGb = given.memoryGb;
  if (submit.count("--time")) o.timeLimit = given.timeLimit;
  if (submit.count("--partition")) o.partition = given.partition;
  o.nodes = flags.nodes;
  o.gpusPerNode = flags.gpusPerNode;
  o.masterPort = flags.masterPort;
  o.trainArgs = flags.trainArgs;
  const farm::PreparedTrainJob job = farm::prepareSlurmTrainJob(o);
  nlohmann::json doc = {{"engine", "slurm"}, {"kind", "train"}, {"nodes", job.options.nodes},
                        {"jobDir", job.options.jobDir}, {"script", job.scriptPath},
                        {"submitCommand", job.submitCommand}};
  std::string human = "training job in " + job.options.jobDir + ": " + std::to_string(job.options.nodes) +
                      " node(s), one rank each; rank 0 writes the model\n";
  if (dryRun) {
    doc["submitted"] = false;
    human += "dry run: not submitted; submit with: " + farm::shellJoin(job.submitCommand) + "\n";
  } else {
    const std::string id = farm::submitSlurmTrainJob(job);
    doc["submitted"] = true;
    doc["job_id"] = id;
    human += "submitted as Slurm job " + id + "; log: " + job.options.jobDir + "/logs/" + job.options.jobName + "-" +
             id + ".log\n";
  }
  ctx.printResult(doc, human);
  return 0;
}

void rejectTrainFlagsWithoutTrain(const CLI::App& submit, const SubmitTrainFlags& flags) {
  for (const char* trainFlag : {"--nodes", "--gpus-per-node", "--master-port"})
    if (submit.count(trainFlag))
      throw InputError(std::string(trainFlag) + " goes with --train (a training job); a render job is split "
                       "into chunks with --chunk.");
  if (!flags.trainArgs.empty())
    throw InputError("arguments after -- ('" + flags.trainArgs.front() + "' ...) are a training's: give --train.");
}

}  // namespace filmrecover::cli
