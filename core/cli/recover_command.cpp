#include <map>
#include <memory>
#include <sstream>

#include "core/cli/command.h"
#include "core/cli/distributed_flags.h"
#include "core/io/frame_defect.h"
#include "core/pipeline/qc_summary.h"
#include "core/pipeline/recover_pipeline.h"
#include "core/train/published_train_job.h"
#include "core/workflow/training_run.h"

namespace filmrecover::cli {
namespace {

// CLI11 2.1 has no std::optional options: plain values plus "was it given".
struct RecoverFlags {
  pipeline::RecoverOptions options;
  long long steps = 0, checkpointEvery = 0;
  std::string size;
  int crop = 0, batch = 0, train = 0, holdout = 0;
  double lr = 0, lossBlur = -1;
  bool noBaseline = false;
  bool noStabilise = false;
  bool noChromaGuide = false;
  bool noGradeFirst = false;
  int levels = 0;
};

// A rank > 0 of a distributed recover: rank 0 runs the pipeline and chooses the training;
// this rank waits for rank 0's train stage, takes its settings, pairs and model path, and
// trains with it. It writes nothing.
int joinRankZero(const DistributedSettings& dist, int threads, CliContext& ctx) {
  ctx.note(dist.describe() + ": waiting up to " + std::to_string(dist.timeoutSeconds) + " s for rank 0 at " +
           dist.masterAddr + ":" + std::to_string(dist.masterPort) + " to start training");
  const PublishedTrainJob p = fetchPublishedTrainJob(dist);
  workflow::TrainingRequest request;
  request.settings = p.settings;
  request.settings.distributed = dist;
  request.settings.threads = threads;
  request.settings.gradeFirst = p.graded;
  request.sources = p.sources;
  request.trainFrames = p.trainFrames;
  request.holdoutFrames = p.holdoutFrames;
  request.validArea = p.validArea;
  request.modelPath = p.modelPath;
  request.resume = p.resume;
  workflow::TrainingListeners listeners;
  listeners.progress = ctx.progress();
  listeners.note = [&ctx](const std::string& n) { ctx.note(n); };
  const workflow::TrainingOutcome r = workflow::runTraining(request, nullptr, listeners);
  nlohmann::json doc = {{"rank", dist.rank}, {"worldSize", dist.worldSize}, {"steps", r.steps},
                        {"startStep", r.startStep}, {"model", p.modelPath}};
  ctx.printResult(doc, "trained " + std::to_string(r.steps) + " steps as " + dist.describe() +
                           " of rank 0's recover; rank 0 writes " + p.modelPath + ", renders and reports");
  return 0;
}

}  // namespace

Command addRecoverCommand(CLI::App& app) {
  auto f = std::make_shared<RecoverFlags>();
  auto& o = f->options;
  Command c;
  c.parser = app.add_subcommand("recover", "The whole pipeline in one command");
  c.parser->footer(
      "match -> inventory -> align -> curate -> train -> scope -> render -> grade baseline -> report.\n"
      "Every intermediate lands in the work dir (default: OUTPUT's folder/recover-work) and its\n"
      "project catalog; running again reuses what is up to date and resumes what was interrupted.\n"
      "Unset training flags are chosen from the material and the machine and printed.\n"
      "See docs/cli/recover.md and docs/recover.md.");
  c.parser->add_option("--mode", o.mode, "chroma | spatial | combined")
      ->check(CLI::IsMember({"chroma", "spatial", "combined"}))
      ->capture_default_str();
  c.parser->add_option("SOURCE", o.source, "The element to restore")->required();
  c.parser->add_option("REFERENCE", o.reference, "The element holding the better colour or detail")->required();
  c.parser->add_option("-o,--output", o.output, "Output pattern, e.g. restored.####.exr")->required();
  c.parser->add_option("--work-dir", o.workDir, "Intermediates and project catalog (default: OUTPUT's folder/recover-work)");
  c.parser->add_option("--report", o.report, "QC report HTML (default: WORKDIR/report.html)");
  c.parser->add_option("--steps", f->steps, "Training steps (default: sized to material and machine)");
  c.parser->add_option("--size", f->size, "Model size S | M | L (default: M)");
  c.parser->add_option("--crop", f->crop, "Training crop side (default: fits the shared crop; CPU at most 128, GPU 256/512)");
  c.parser->add_option("--batch", f->batch, "Batch size (default: 4 on CPU, 8 on GPU)");
  c.parser->add_option("--lr", f->lr, "Peak learning rate (default: 3e-3 on CPU, 1e-3 on GPU)");
  c.parser->add_option("--checkpoint-every", f->checkpointEvery, "Checkpoint every N steps (default: steps/10)");
  c.parser->add_option("--seed", o.seed, "Random seed of training")->capture_default_str();
  c.parser->add_option("--device", o.device, "auto | cpu | cuda")->capture_default_str();
  c.parser->add_option("--threads", o.threads, "Threads (0 = all cores)")->capture_default_str();
  c.parser->add_option("--train", f->train, "Training pairs to curate (default: about one in two paired frames, at most 48)");
  c.parser->add_option("--holdout", f->holdout, "Hold-out pairs (default: a quarter of the training pairs)");
  c.parser->add_option("--align-model", o.alignModel, "translation | similarity | affine | homography")
      ->capture_default_str();
  c.parser->add_option("--median", o.medianPrefilter, "Reference median pre-filter size (default: chroma 3, spatial 0)");
  c.parser->add_option("--loss-blur", f->lossBlur,
                       "Gaussian sigma (source px) on output and target in the loss (default: chroma, 1.5 x "
                       "source width / reference width, at most 6 px; spatial and combined 0)");
  c.parser->add_flag("--no-grade-first", f->noGradeFirst,
                     "chroma, combined: the network sees the source alone; by default (grade, then refine) the "
                     "match-grade LUT is fitted on the training pairs first and the network also sees the graded colour");
  c.parser->add_option("--grade-base", o.gradeBase,
                       "source | graded: what the network's correction is added to, the source's colour (default) or "
                       "the graded colour")
      ->check(CLI::IsMember({"source", "graded"}))
      ->capture_default_str();
  c.parser->add_option("--levels", f->levels, "U-Net levels, 2 to 6 (default: 3; each level more sees twice as far)");
  c.parser->add_flag("--no-baseline", f->noBaseline, "Skip the match-grade baseline render");
  c.parser->add_flag("--no-stabilise", f->noStabilise,
                     "Render each frame alone: no temporal filter of the recovered colour along the source's motion");
  c.parser->add_flag("--no-chroma-guide", f->noChromaGuide,
                     "Leave the recovered colour as the network made it: no guided filter along the output's luma "
                     "edges (render --chroma-guide-radius)");
  c.parser->add_option("--scope", o.scope,
                       "sequence | scene | shot | auto: auto trains a model for the shots or scenes the film's model "
                       "clearly fails (hold-out error per shot) and renders each range with its own")
      ->check(CLI::IsMember({"sequence", "scene", "shot", "auto"}))
      ->capture_default_str();
  c.parser->add_option("--operator", o.operatorName, "Operator recorded in the catalog");
  const auto distributed = addDistributedFlags(c.parser);
  c.run = [f, distributed](CliContext& ctx) {
    auto opts = f->options;
    // Distributed: rank 0 runs the whole recovery, training with the other ranks; they join
    // its train stage and end when it is trained.
    opts.distributed = distributed->resolve();
    if (opts.distributed.rank > 0) return joinRankZero(opts.distributed, opts.threads, ctx);
    if (f->steps) opts.steps = f->steps;
    if (!f->size.empty()) opts.size = f->size;
    if (f->crop) opts.crop = f->crop;
    if (f->batch) opts.batch = f->batch;
    if (f->lr > 0) opts.lr = f->lr;
    if (f->lossBlur >= 0) opts.lossBlur = f->lossBlur;
    if (f->checkpointEvery) opts.checkpointEvery = f->checkpointEvery;
    if (f->train) opts.train = f->train;
    if (f->holdout) opts.holdout = f->holdout;
    if (f->levels) opts.levels = f->levels;
    opts.gradeFirst = !f->noGradeFirst;
    opts.baseline = !f->noBaseline;
    opts.stabilise = !f->noStabilise;
    opts.chromaGuide = !f->noChromaGuide;
    pipeline::RecoverListeners l;
    l.progress = ctx.progress();
    l.note = [&ctx](const std::string& s) { ctx.note(s); };
    l.warn = [&ctx](const std::string& s) { ctx.warn(s); };
    const auto r = pipeline::runRecover(opts, {}, l);
    std::ostringstream human;
    for (const auto& s : r.stages)
      human << s.name << (s.reused ? " (reused)" : s.resumed ? " (resumed)" : "") << ": " << s.summary << "\n";
    human << r.framesRendered << " frames recovered to " << r.output << "\nreport: " << r.report
          << "\nwork dir: " << r.workDir;
    // Frames that could not be used were named as they were met; the run finished around
    // them, but not everything asked for was done: exit 2. A gap in the reference is listed
    // too, but asks for nothing: a reference may cover only part of the film.
    std::map<std::string, std::vector<FrameDefect>> byRole;  // source, reference, aligned
    bool undone = false;
    for (const auto& s : r.skipped) {
      byRole[s.role].push_back(s.defect);
      undone |= !(s.role == "reference" && s.defect.kind == defect::kMissing);
    }
    for (const auto& [role, defects] : byRole) human << "\nskipped " << role << " frames: " << defectSummary(defects);
    if (!r.qc.is_null()) human << "\n\n" << pipeline::qcSummaryText(r.qc);
    ctx.printResult(r.summary, human.str());
    return undone ? 2 : 0;
  };
  return c;
}

}  // namespace filmrecover::cli
