// Training stage: settings sized to the material, resumable after a kill.
#include <chrono>
#include <filesystem>
#include <sstream>

#include "core/curate/dataset_file.h"
#include "core/dataset/pair_loader.h"
#include "core/exec/parallel_for.h"
#include "core/io/frame_set.h"
#include "core/model/compute_settings.h"
#include "core/pipeline/fingerprint.h"
#include "core/pipeline/recover_context.h"
#include "core/pipeline/training_defaults.h"
#include "core/train/trainer.h"
#include "core/workflow/training_run.h"

namespace filmrecover::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

TrainSettings chooseSettings(RecoverContext& ctx, const curate::DatasetFile& dataset) {
  const auto& o = ctx.options;
  TrainSettings s;
  s.mode = parseRecoveryMode(o.mode, "--mode");
  s.device = parseDeviceChoice(o.device, "--device");
  MaterialFacts facts;
  facts.width = ctx.source->info().width;
  facts.height = ctx.source->info().height;
  facts.referenceWidth = ctx.reference ? ctx.reference->info().width : 0;
  facts.chroma = s.mode == RecoveryMode::Chroma;
  facts.crop = dataset.crop;
  facts.trainPairs = static_cast<int>(dataset.selection.train.size());
  facts.sourceFrames = static_cast<int>(ctx.source->info().frames.size());
  facts.cuda = s.device == DeviceChoice::Cuda || (s.device == DeviceChoice::Auto && cudaAvailable());
  facts.cores = resolveThreadCount(o.threads);
  const TrainingDefaults d = chooseTrainingDefaults(facts);
  s.preset = parseModelPreset(o.size.value_or(d.preset), "--size");
  s.steps = o.steps.value_or(d.steps);
  s.batch = o.batch.value_or(d.batch);
  s.crop = o.crop.value_or(d.crop);
  s.lr = o.lr.value_or(d.lr);
  s.lossBlur = o.lossBlur.value_or(d.lossBlur);
  s.warmupSteps = std::min<long long>(s.warmupSteps, std::max<long long>(1, s.steps / 10));
  s.validateEvery = std::max<long long>(1, std::min(d.validateEvery, s.steps));
  s.checkpointEvery = o.checkpointEvery.value_or(std::min(d.checkpointEvery, s.steps));
  s.previewEvery = std::max<long long>(1, s.steps / 4);
  s.holdoutCrop = std::min(256, std::max(16, (std::min(dataset.crop.width(), dataset.crop.height()) / 16) * 16));
  s.seed = o.seed;
  s.threads = o.threads;
  s.distributed = o.distributed;  // not in the settings' JSON: the stage's key is the same
  // Chroma: a small median on the reference kills compression blocks and dust; never on
  // the detail reference.
  s.medianPrefilter = o.medianPrefilter >= 0 ? o.medianPrefilter : (s.mode == RecoveryMode::Spatial ? 0 : 3);
  if (s.mode != RecoveryMode::Chroma) s.loss = LossKind::L1Ssim;
  // A faded print's colour shift follows density, so scaling input and target by one gain
  // pairs colours that never occur together: no exposure augmentation where colour is learnt
  // (measured on generated fades: uncovered-frame dE 3.96 -> 3.85 at 400 steps).
  if (s.mode != RecoveryMode::Spatial) s.augmentation.exposure = 0.0;
  s.gradeFirst = o.gradeFirst;
  s.gradeBase = o.gradeBase;
  s.levels = o.levels.value_or(s.levels);
  validateTrainSettings(s);
  const bool overridden = o.size || o.steps || o.batch || o.crop || o.lr || o.lossBlur || o.levels;
  std::ostringstream used;
  used << "preset " << toString(s.preset) << ", crop " << s.crop << ", batch " << s.batch << ", " << s.steps
       << " steps, lr " << s.lr;
  ctx.chosen["training"] = overridden ? used.str() + " (flags over the defaults: " + d.reason + ")" : d.reason;
  ctx.chosen["trainingSettings"] = {{"preset", toString(s.preset)}, {"crop", s.crop}, {"batch", s.batch},
                                    {"steps", s.steps}, {"lr", s.lr}, {"medianPrefilter", s.medianPrefilter}, {"lossBlur", s.lossBlur},
                                    {"gradeFirst", gradesFirst(s)}, {"gradeBase", s.gradeBase}, {"levels", s.levels},
                                    {"expectedSeconds", d.expectedSeconds}};
  return s;
}

}  // namespace

void runTrainStage(RecoverContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto dataset = curate::readDatasetFile(ctx.work.dataset());
  TrainSettings settings = chooseSettings(ctx, dataset);
  json settingsJson = settings;
  settingsJson.erase("threads");  // thread count does not change what is learnt enough to retrain
  const std::string key = hashJson({{"curate", ctx.keys["curate"]}, {"settings", settingsJson}, {"version", 1}});
  ctx.keys["train"] = key;
  StageOutcome out{"train"};
  const std::string modelPath = ctx.work.model();
  ctx.result->model = modelPath;
  const auto outputs = TrainingOutputs::forModel(modelPath);
  if (ctx.upToDate("train", key) && fs::exists(modelPath)) {
    out.reused = true;
    const json r = ctx.stageResult("train");
    out.summary = "model " + modelPath + " (hold-out PSNR " + std::to_string(r.value("holdoutPsnr", -1.0)) + " dB)";
    ctx.finish("train", key, r);
    out.seconds = secondsSince(t0);
    ctx.result->stages.push_back(out);
    return;
  }
  const bool resume = ctx.interrupted("train", key) && fs::exists(outputs.checkpoint);
  ctx.begin("train", key);
  fs::create_directories(fs::path(modelPath).parent_path());
  ctx.note("training: " + ctx.chosen.value("training", std::string()) + (resume ? " (resuming)" : ""));

  workflow::TrainingRequest request;
  request.settings = settings;
  request.sources = {ctx.options.source, ctx.work.alignedPattern(), ""};
  request.trainFrames = dataset.selection.train;
  request.holdoutFrames = dataset.selection.holdout;
  request.validArea = dataset.crop;
  request.modelPath = modelPath;
  request.resume = resume;
  request.alignment = ctx.options.alignModel + " (" + ctx.work.transforms() + ")";
  request.loadThreads = ctx.options.threads;
  workflow::TrainingListeners listeners;
  listeners.progress = ctx.progress;
  listeners.cancel = ctx.cancel;
  listeners.note = [&ctx](const std::string& n) { ctx.note(n); };
  const workflow::TrainingOutcome r = workflow::runTraining(request, ctx.catalog, listeners);
  const json& metrics = r.summary;
  out.resumed = resume;
  std::ostringstream s;
  s << r.steps << " steps" << (resume ? " (resumed at " + std::to_string(r.startStep) + ")" : "")
    << ", hold-out PSNR " << r.holdoutPsnr << " dB against identity " << r.identityPsnr << " dB";
  out.summary = s.str();
  ctx.finish("train", key, metrics);
  out.seconds = secondsSince(t0);
  ctx.result->stages.push_back(out);
}

}  // namespace filmrecover::pipeline
