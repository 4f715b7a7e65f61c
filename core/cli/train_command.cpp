#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/cli/command.h"
#include "core/cli/crop_flag.h"
#include "core/cli/distributed_flags.h"
#include "core/cli/project_flag.h"
#include "core/dataset/pair_loader.h"
#include "core/exec/errors.h"
#include "core/io/frame_set.h"
#include "core/train/trainer.h"
#include "core/workflow/project_layout.h"
#include "core/workflow/stage_records.h"
#include "core/workflow/training_run.h"

namespace filmrecover::cli {
namespace {

struct TrainFlags {
  std::string mode, input, target, detail, dataset, frames, holdout, output, cropRect;
  std::string size = "M", device = "auto", precision = "auto", loss = "l1", schedule = "cosine";
  bool resume = false, noClamp = false, noFlip = false, noGradeFirst = false;
  TrainSettings s;
  ProjectFlag project;
  std::shared_ptr<DistributedFlags> distributed;
};

// dataset.json of `curate`: {"train":[..],"holdout":[..],"rejected":[..],"crop":{x0,y0,x1,y1}}.
void readDataset(const std::string& path, std::vector<int>& train, std::vector<int>& holdout, Rect& crop) {
  std::ifstream in(path);
  if (!in) throw InputError("dataset file '" + path + "' does not exist or cannot be read.");
  nlohmann::json j;
  try {
    in >> j;
    train = j.at("train").get<std::vector<int>>();
    holdout = j.value("holdout", std::vector<int>{});
    if (j.contains("crop") && j["crop"].is_object()) crop = j["crop"].get<Rect>();
  } catch (const std::exception&) {
    throw InputError("dataset file '" + path + "' is not a dataset (expected {\"train\":[frames], \"holdout\":[frames], \"crop\":{...}}).");
  }
}

int run(TrainFlags& f, CliContext& ctx) {
  TrainSettings& s = f.s;
  s.mode = parseRecoveryMode(f.mode, "--mode");
  s.preset = parseModelPreset(f.size, "--size");
  s.device = parseDeviceChoice(f.device, "--device");
  s.precision = parsePrecision(f.precision, "--precision");
  s.loss = parseLossKind(f.loss, "--loss");
  s.schedule = f.schedule;
  s.clampHighlights = !f.noClamp;
  s.augmentation.horizontalFlip = !f.noFlip;
  s.gradeFirst = !f.noGradeFirst;
  validateTrainSettings(s);
  s.distributed = f.distributed->resolve();

  const ProjectFlag& project = f.project;
  f.input = project.elementOr(f.input, "--input", "source");
  f.target = project.valueOr(f.target, "--target", [](const auto& l) { return l.alignedPattern(); });
  f.output = project.valueOr(f.output, "-o/--output", [](const auto& l) { return l.model(); });
  if (project.given() && f.dataset.empty() && f.frames.empty()) f.dataset = project.layout().dataset();
  std::vector<int> train, holdout;
  Rect crop;
  if (!f.dataset.empty()) {
    if (!f.frames.empty()) throw InputError("give either --dataset or --frames, not both.");
    readDataset(f.dataset, train, holdout, crop);
  } else {
    if (f.frames.empty()) throw InputError("give --dataset dataset.json or --frames SET (with --holdout SET).");
    train = parseFrameSet(f.frames);
  }
  if (!f.holdout.empty()) holdout = parseFrameSet(f.holdout);
  if (!f.cropRect.empty()) crop = parseCropFlag("--crop-rect", f.cropRect);
  // The model's folder is made as render makes its output's: "-o models/film.frm" works in
  // a fresh project.
  if (const auto folder = std::filesystem::path(f.output).parent_path(); !folder.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) throw RunError("cannot create the model's folder '" + folder.string() + "': " + ec.message() + ".");
  }
  workflow::TrainingRequest request;
  request.settings = s;
  request.sources = PairSources{f.input, f.target, f.detail};
  request.trainFrames = train;
  request.holdoutFrames = holdout;
  request.validArea = crop;
  request.modelPath = f.output;
  request.resume = f.resume;
  request.alignment = f.target;
  workflow::TrainingListeners listeners;
  listeners.progress = ctx.progress();
  listeners.note = [&ctx](const std::string& n) { ctx.note(n); };
  listeners.metric = [&ctx](const MetricEvent& e) {
    if (e.name == "holdout_psnr" || e.name == "holdout_loss")
      ctx.detail("step " + std::to_string(e.step) + " " + e.name + " " + std::to_string(e.value));
  };
  // In a distributed run rank 0 alone writes, the project's catalog included.
  const auto catalog = project.given() && s.distributed.rank == 0 ? project.open() : nullptr;
  const workflow::TrainingOutcome outcome = workflow::runTraining(request, catalog.get(), listeners);
  if (catalog) workflow::writeProjectExports(*catalog);
  const nlohmann::json& r = outcome.summary;

  nlohmann::json doc = r;
  doc["metrics"] = r["metricsLog"];
  if (outcome.runId) doc["run"] = outcome.runId;
  std::ostringstream h;
  if (s.distributed.enabled()) {
    doc["rank"] = s.distributed.rank;
    doc["worldSize"] = s.distributed.worldSize;
  }
  if (s.distributed.rank != 0) {
    h << "trained " << r["steps"] << " steps as " << s.distributed.describe() << "; rank 0 writes "
      << r["model"].get<std::string>();
    ctx.printResult(doc, h.str());
    return 0;
  }
  h << "trained " << r["steps"] << " steps → " << r["model"].get<std::string>() << "\n";
  if (r["holdoutPsnr"].get<double>() > 0)
    h << "hold-out PSNR " << r["holdoutPsnr"] << " dB (identity " << r["identityPsnr"] << " dB, "
      << (r["gradePsnr"].get<double>() > 0 ? "the grade it refines " : "untrained ") << r["untrainedPsnr"]
      << " dB); best at step " << r["bestStep"] << " → " << r["best"].get<std::string>() << "\n";
  h << "metrics: " << r["metricsLog"].get<std::string>() << "; checkpoint (for --resume): "
    << r["checkpoint"].get<std::string>();
  if (outcome.runId) h << "\nrecorded as training run " << outcome.runId << " of " << project.layout().root;
  ctx.printResult(doc, h.str());
  return 0;
}

}  // namespace

Command addTrainCommand(CLI::App& app) {
  auto f = std::make_shared<TrainFlags>();
  auto* sub = app.add_subcommand(
      "train",
      "Train a per-film model on aligned pairs. Writes MODEL, MODEL-stem.ckpt.frm (checkpoint\n"
      "for --resume), .best.frm (best by hold-out loss), .metrics.jsonl and .previews/.");
  TrainSettings& s = f->s;
  sub->add_option("--mode", f->mode, "chroma, spatial or combined")->required();
  sub->add_option("--input", f->input, "SOURCE (the element to recover; default with --project: its source)");
  sub->add_option("--target", f->target, "Aligned reference, numbered like the source (chroma reference in combined "
                                         "mode; default with --project: its aligned/ frames)");
  sub->add_option("--detail-target", f->detail, "combined mode: aligned detail reference (default: --target)");
  sub->add_option("--dataset", f->dataset, "dataset.json from curate (train, holdout, crop; default with --project and no --frames: its dataset.json)");
  sub->add_option("--frames", f->frames, "Training frames (frame set), instead of --dataset");
  sub->add_option("--holdout", f->holdout, "Hold-out frames (frame set) for validation");
  sub->add_option("-o,--output", f->output, "Model file to write (e.g. film.frm; default with --project: its models/model.frm)");
  sub->add_option("--size", f->size, "Model size S, M or L (U-Net width 16/32/64)")->capture_default_str();
  sub->add_option("--steps", s.steps, "Optimiser steps")->capture_default_str();
  sub->add_option("--batch", s.batch, "Crops per step")->capture_default_str();
  sub->add_option("--crop", s.crop, "Crop side in pixels (multiple of 4)")->capture_default_str();
  sub->add_option("--lr", s.lr, "Peak learning rate (Adam)")->capture_default_str();
  sub->add_option("--warmup", s.warmupSteps, "Warm-up steps")->capture_default_str();
  sub->add_option("--schedule", f->schedule, "cosine or constant")->capture_default_str();
  sub->add_option("--loss", f->loss, "l1, l1+ssim or l1+frequency")->capture_default_str();
  sub->add_option("--loss-blur", s.lossBlur,
                  "Gaussian sigma in source pixels on output and target before the L1 term (0 = off): for "
                  "a reference that resolves less than the source")->capture_default_str();
  sub->add_option("--validate-every", s.validateEvery, "Hold-out loss and PSNR every N steps")->capture_default_str();
  sub->add_option("--preview-every", s.previewEvery, "Preview crops every N steps (0 = never)")->capture_default_str();
  sub->add_option("--checkpoint-every", s.checkpointEvery, "Checkpoint every N steps")->capture_default_str();
  sub->add_flag("--resume", f->resume, "Continue from the model's checkpoint exactly");
  sub->add_option("--seed", s.seed, "Random seed (same seed, data and threads = same run)")->capture_default_str();
  sub->add_option("--device", f->device, "auto, cpu or cuda")->capture_default_str();
  sub->add_option("--precision", f->precision, "auto, fp32, bf16 or fp16 (auto: bf16 where the CPU or GPU has it, fp16 on older GPUs)")->capture_default_str();
  sub->add_option("--threads", s.threads, "Compute threads (0 = all cores)")->capture_default_str();
  sub->add_option("--init", s.initialWeights, "Start from this model's weights (fine-tuning)");
  sub->add_option("--crop-rect", f->cropRect, "Valid picture area x0,y0,x1,y1 (overrides the dataset's crop)");
  sub->add_option("--median", s.medianPrefilter, "Median pre-filter size on the reference (0 = off)")->capture_default_str();
  sub->add_flag("--no-grade-first", f->noGradeFirst,
                "chroma, combined: the network sees the source alone; by default (grade, then refine) the match-grade "
                "LUT is fitted on the training pairs first, the network also sees the graded colour, and the model keeps the LUT");
  sub->add_option("--grade-base", s.gradeBase,
                  "source | graded: what the network's correction is added to, the source's colour or the graded colour")
      ->check(CLI::IsMember({"source", "graded"}))
      ->capture_default_str();
  sub->add_option("--levels", s.levels, "U-Net levels, 2 to 6 (each level more sees twice as far)")->capture_default_str();
  sub->add_flag("--no-clamp", f->noClamp, "Do not clamp highlights to [0,1] before training");
  sub->add_flag("--no-flip", f->noFlip, "No horizontal-flip augmentation");
  sub->add_option("--scale-jitter", s.augmentation.scaleJitter, "Scale augmentation ±")->capture_default_str();
  sub->add_option("--exposure", s.augmentation.exposure, "Exposure augmentation ±")->capture_default_str();
  f->distributed = addDistributedFlags(sub);
  f->project.addTo(sub);
  Command c;
  c.parser = sub;
  c.run = [f](CliContext& ctx) { return run(*f, ctx); };
  return c;
}

}  // namespace filmrecover::cli
