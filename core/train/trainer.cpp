#include "core/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <optional>
#include <sstream>

#include "core/dataset/channel_layout.h"
#include "core/dataset/crop_sampler.h"
#include "core/dataset/device_crops.h"
#include "core/exec/errors.h"
#include "core/model/compute.h"
#include "core/model/global_generator.h"
#include "core/model/model_file.h"
#include "core/train/low_pass.h"
#include "core/train/metrics_log.h"
#include "core/train/preview_strip.h"
#include "core/train/process_group.h"
#include "core/train/published_train_job.h"
#include "core/train/train_step.h"
#include "core/train/training_monitor.h"

namespace filmrecover {

TrainingOutputs TrainingOutputs::forModel(const std::string& modelPath) {
  std::string stem = modelPath;
  const std::filesystem::path p(modelPath);
  if (p.has_extension()) stem = (p.parent_path() / p.stem()).string();
  TrainingOutputs o;
  o.model = modelPath;
  o.checkpoint = stem + ".ckpt.frm";
  o.best = stem + ".best.frm";
  o.metrics = stem + ".metrics.jsonl";
  o.previews = stem + ".previews";
  return o;
}

namespace {

std::vector<int> framesOf(const std::vector<TrainingPair>& pairs) {
  std::vector<int> f;
  for (const auto& p : pairs) f.push_back(p.frame);
  return f;
}

void checkPairs(const std::vector<TrainingPair>& pairs, RecoveryMode mode, const char* role) {
  for (const auto& p : pairs)
    if (p.input.channels != inputChannelCount(mode) || p.target.channels != outputChannelCount(mode))
      throw InputError(std::string(role) + " frame " + std::to_string(p.frame) +
                       " was built for another recovery mode than " + toString(mode) + ".");
}

std::string tensorBytes(const std::function<void(torch::serialize::OutputArchive&)>& save) {
  torch::serialize::OutputArchive a;
  save(a);
  std::ostringstream s;
  a.save_to(s);
  return s.str();
}

// Hold-out evaluation crops uploaded once; loss and PSNR over all of them.
struct Evaluation {
  struct Crop {
    torch::Tensor input, target;
    int frame;
  };
  std::vector<Crop> crops;
  std::vector<CropBatch> host;
  double lossBlur = 0;  //!< loss and PSNR compare the pair blurred as the training loss does

  bool empty() const { return crops.empty(); }

  // {mean L1, PSNR (peak 1)} of `predict` over every crop.
  template <class Predict>
  std::pair<double, double> run(Predict&& predict) const {
    double l1 = 0, se = 0, n = 0;
    for (const auto& c : crops) {
      torch::Tensor out = predict(c.input);
      torch::Tensor diff = gaussianLowPass(out, lossBlur) -
                           gaussianLowPass(c.target.to(torch::kFloat32).contiguous(), lossBlur);
      l1 += diff.abs().sum().item<double>();
      se += diff.pow(2).sum().item<double>();
      n += static_cast<double>(diff.numel());
    }
    const double mse = std::max(se / n, 1e-12);
    return {l1 / n, 10.0 * std::log10(1.0 / mse)};
  }
};

// The checks a job must pass before anything is loaded or any rank is met.
void checkTrainJob(const TrainJob& job) {
  const TrainSettings& s = job.settings;
  validateTrainSettings(s);
  if (job.trainPairs.empty()) throw InputError("no training pairs: give --frames or a dataset with training frames.");
  checkPairs(job.trainPairs, s.mode, "training");
  checkPairs(job.holdoutPairs, s.mode, "hold-out");
  if (job.modelPath.empty()) throw InputError("no model file to write was given (-o).");
  if (!job.grade.empty() && (s.mode == RecoveryMode::Spatial || !job.grade.valid()))
    throw InputError(s.mode == RecoveryMode::Spatial ? "a spatial model has no colour to grade first."
                                                     : "the grade to train on top of is not a valid 3D LUT.");
  const DistributedSettings& dist = s.distributed;
  if (dist.enabled() && s.batch % dist.worldSize != 0)
    throw InputError("--batch " + std::to_string(s.batch) + " (the combined batch) does not divide among " +
                     "--world-size " + std::to_string(dist.worldSize) + " processes: give a multiple of " +
                     std::to_string(dist.worldSize) + ".");
}

// The device a run computes on, once LibTorch has its thread count.
torch::Device deviceOf(const TrainSettings& s) {
  configureTorchThreads(s.threads);
  return resolveDevice(s.device);
}

// Provenance of every file this run writes.
ModelInfo provenanceOf(const TrainJob& job) {
  const TrainSettings& s = job.settings;
  ModelInfo info = ModelInfo::forNetwork(s.mode, s.preset);
  info.pairSettings = PairSettings{s.mode, s.medianPrefilter, s.clampHighlights, job.validArea};
  info.trainingFrames = framesOf(job.trainPairs);
  info.holdoutFrames = framesOf(job.holdoutPairs);
  info.loss = toString(s.loss);
  info.seed = s.seed;
  info.source = job.sources.source;
  info.target = job.sources.target;
  info.detailTarget = job.sources.detail;
  info.settings = s;
  info.levels = s.levels;
  if (!job.grade.empty()) info.grade = describeGrade(job.grade, job.gradeFit);
  return info;
}

// The network a run starts from and, when it resumes, the checkpoint it came from.
struct StartingPoint {
  RecoveryNet net;
  ModelContainer checkpoint;  //!< empty unless resuming
};

// Fresh (seeded), fine-tuned from another model (`info` takes its size), or resumed from the
// checkpoint beside the model.
StartingPoint startingNetwork(const TrainJob& job, const TrainingOutputs& files, ModelInfo& info,
                              const NoteCallback& note) {
  const TrainSettings& s = job.settings;
  const DistributedSettings& dist = s.distributed;
  // The seed goes through LibTorch's one global generator: no other thread may draw from it
  // between the seed and the initialisation (core/model/global_generator.h).
  RecoveryNet net{nullptr};
  const bool graded = !job.grade.empty();
  {
    const std::lock_guard<std::mutex> seeded(globalGeneratorMutex());
    torch::manual_seed(s.seed);
    NetworkShape shape{true, s.levels, graded};
    shape.gradedBase = s.gradeBase == "graded";
    net = RecoveryNet(s.mode, presetWidth(s.preset), shape);
  }
  if (graded) net->setGrade(job.grade);
  ModelContainer checkpoint;
  if (job.resume) {
    if (!std::filesystem::exists(files.checkpoint))
      throw InputError("cannot resume: no checkpoint '" + files.checkpoint + "' beside the model" +
                       (dist.enabled() ? " (" + dist.describe() + "; every rank reads rank 0's checkpoint, so " +
                                             "the model's folder must be shared by all nodes)."
                                       : "."));
    checkpoint = readModelContainer(files.checkpoint, true);
    LoadedModel m = loadModelFromContainer(checkpoint, files.checkpoint, s.mode);
    if (m.info.width != presetWidth(s.preset))
      throw InputError("cannot resume from '" + files.checkpoint + "': it is size " + toString(m.info.preset) +
                       " but --size " + toString(s.preset) + " was asked for.");
    // The network, its levels and its grade are the checkpoint's (the grade the network was
    // trained on so far, not one fitted again); restoreTrainerState refuses other settings.
    info.levels = m.info.levels;
    info.grade = m.info.grade;
    net = m.net;
  } else if (!s.initialWeights.empty()) {
    LoadedModel m = loadModelFile(s.initialWeights, s.mode);
    info.preset = m.info.preset;
    info.width = m.info.width;
    info.levels = m.info.levels;
    net = m.net;
    note("fine-tuning from '" + s.initialWeights + "' (size " + toString(m.info.preset) + ")");
    // The network's shape is the initial model's: a graded one takes this material's grade, one
    // without a grade stays without.
    if (m.info.graded() && graded) {
      net->setGrade(job.grade);
      note("the initial model's grade is replaced by the grade fitted on these pairs");
    } else if (m.info.graded()) {
      info.grade = m.info.grade;
      note("the initial model's grade is kept (it cannot be taken out of its network)");
    } else if (graded) {
      info.grade = nullptr;
      note("the initial model has no grade before its network: fine-tuned without one");
    }
  }
  return {net, std::move(checkpoint)};
}

// One training run, pass by pass: the state the passes share lives here.
class TrainingRun {
 public:
  explicit TrainingRun(const TrainJob& job)
      : job_(job),
        s_(job.settings),
        dist_(job.settings.distributed),
        writer_(job.settings.distributed.rank == 0),  // rank 0 alone writes files
        control_(job.control ? job.control : std::make_shared<TrainControl>()),
        result_(emptyResult(job)),
        files_(result_.outputs),
        device_(deviceOf(s_)),
        compute_(computeType(s_.precision, device_)),
        group_(meetOtherRanks()),
        info_(provenanceOf(job)),
        start_(startingNetwork(job, files_, info_, [this](const std::string& text) { note(text); })),
        sampler_(job.trainPairs, s_.crop, s_.augmentation, s_.seed),
        monitor_(s_.overfitPatience, s_.plateauPatience),
        engine_(start_.net, device_, compute_, s_.loss, s_.auxLossWeight, s_.lr),
        crops_(prepareCrops()) {}

  TrainResult run() {
    if (job_.resume) restoreTrainerState();
    result_.startStep = startStep_;
    if (group_) agreeWithRankZero();
    if (writer_) log_.emplace(files_.metrics, job_.resume ? startStep_ : -1);
    prepareHoldoutAndPreview();
    if (!eval_.empty() && !job_.resume) measureStartingPoint();
    if (group_) averageAcrossRanksEveryStep();
    trainSteps();
    return finish();
  }

 private:
  static TrainResult emptyResult(const TrainJob& job) {
    TrainResult result;
    result.rank = job.settings.distributed.rank;
    result.worldSize = job.settings.distributed.worldSize;
    result.outputs = TrainingOutputs::forModel(job.modelPath);
    return result;
  }

  void note(const std::string& text) {
    result_.notes.push_back(text);
    if (job_.onNote) job_.onNote(text);
  }

  void emit(long long step, const std::string& name, double value) {
    MetricEvent e{step, name, value};
    if (log_) log_->write(e);
    if (job_.onMetric) job_.onMetric(e);
  }

  // The other ranks are met before anything is loaded, so a wrong address fails at once.
  std::unique_ptr<TrainingProcessGroup> meetOtherRanks() {
    if (!dist_.enabled()) return nullptr;
    auto group = std::make_unique<TrainingProcessGroup>(dist_, device_, dist_.rank == 0 ? describeTrainJob(job_) : "");
    note("distributed training: " + dist_.describe() + " (" + group->backend() + ", rendezvous " +
         dist_.masterAddr + ":" + std::to_string(dist_.masterPort) + "), " + std::to_string(s_.batch / dist_.worldSize) +
         " of the " + std::to_string(s_.batch) + " crops of each step here");
    return group;
  }

  // The training frames go to the device once; each step draws its crops there.
  DeviceCrops prepareCrops() {
    engine_.lossBlur = s_.lossBlur;
    return DeviceCrops(sampler_, device_, engine_.format);
  }

  // Resuming: the optimiser, sampler and monitor as the checkpoint left them, and the step.
  void restoreTrainerState() {
    const ModelContainer& checkpoint = start_.checkpoint;
    const auto opt = checkpoint.blobs.find("optimizer");
    const auto st = checkpoint.blobs.find("trainer");
    if (opt == checkpoint.blobs.end() || st == checkpoint.blobs.end())
      throw InputError("'" + files_.checkpoint + "' is a model, not a checkpoint (no optimiser state).");
    nlohmann::json trainerState;
    try {
      torch::serialize::InputArchive a;
      std::istringstream in(opt->second);
      a.load_from(in);
      engine_.optimizer->load(a);
      trainerState = nlohmann::json::parse(st->second);
    } catch (const std::exception&) {
      throw InputError("checkpoint '" + files_.checkpoint + "' is corrupt (optimiser or trainer state).");
    }
    startStep_ = trainerState.value("step", 0ll);
    const auto saved = trainerState.value("settings", nlohmann::json::object());
    for (const char* key : {"batch", "crop", "seed", "mode", "preset", "levels", "gradeFirst", "gradeBase"})
      if (saved.contains(key) && saved[key] != nlohmann::json(s_)[key])
        throw InputError(std::string("cannot resume: ") +
                         (std::string(key) == "gradeFirst"  ? std::string("--no-grade-first")
                          : std::string(key) == "gradeBase" ? std::string("--grade-base")
                                                            : std::string("--") + key) +
                         " differs from the checkpoint's (" + std::string(key) + " " + saved[key].dump() + ").");
    sampler_.loadState(trainerState.value("sampler", ""));
    monitor_.loadState(trainerState.value("monitor", nlohmann::json::object()));
    result_.identityPsnr = trainerState.value("identityPsnr", -1.0);
    result_.untrainedPsnr = trainerState.value("untrainedPsnr", -1.0);
    result_.gradePsnr = trainerState.value("gradePsnr", -1.0);
    note("resumed from step " + std::to_string(startStep_) + " of '" + files_.checkpoint + "'");
    const int savedWorld = trainerState.value("worldSize", 1);
    if (savedWorld != dist_.worldSize)
      note("the checkpoint was written by " + std::to_string(savedWorld) + " process(es), this run has " +
           std::to_string(dist_.worldSize) + ": the combined batch and its crops are the same");
  }

  // Every rank must run the same job: rank 0's numbers against each rank's own; then one
  // starting point, rank 0's weights (fresh, fine-tuned or resumed).
  void agreeWithRankZero() {
    const std::vector<long long> mine = {startStep_, s_.steps, s_.batch, s_.crop, static_cast<long long>(s_.seed),
                                         static_cast<long long>(job_.trainPairs.size()),
                                         start_.net->shape().graded ? 1 : 0, start_.net->shape().levels};
    static const char* names[] = {"start step", "--steps", "--batch", "--crop", "--seed", "training frames",
                                  "a grade first (1) or not (0)", "--levels"};
    std::vector<torch::Tensor> agreed{torch::tensor(std::vector<int64_t>(mine.begin(), mine.end())).to(device_)};
    group_->broadcastFromRankZero(agreed, "the settings check at the start");
    const auto zero = agreed[0].cpu();
    for (size_t i = 0; i < mine.size(); ++i)
      if (zero[static_cast<long>(i)].item<int64_t>() != mine[i])
        throw InputError("distributed training, " + dist_.describe() + ": " + names[i] + " is " +
                         std::to_string(mine[i]) + " here but " + std::to_string(zero[static_cast<long>(i)].item<int64_t>()) +
                         " on rank 0: every rank must be given the same flags, data and checkpoint.");
    std::vector<torch::Tensor> weights = start_.net->parameters();
    group_->broadcastFromRankZero(weights, "the weight broadcast at the start");
    // Each rank fitted the grade on the same pairs; rank 0's, to the last bit, is the one.
    if (start_.net->shape().graded) {
      ModelGrade grade = start_.net->grade();
      std::vector<torch::Tensor> table{
          torch::from_blob(grade.table.data(), {static_cast<int64_t>(grade.table.size())}, torch::kFloat32)
              .clone()
              .to(device_)};
      group_->broadcastFromRankZero(table, "the grade broadcast at the start");
      const auto host = table[0].cpu().contiguous();
      std::copy_n(host.data_ptr<float>(), grade.table.size(), grade.table.data());
      start_.net->setGrade(grade);
    }
  }

  // Hold-out crops (fixed pixels, so every evaluation is comparable); preview crop.
  void prepareHoldoutAndPreview() {
    eval_.lossBlur = s_.lossBlur;
    for (const auto& p : writer_ ? job_.holdoutPairs : std::vector<TrainingPair>{}) {
      const size_t before = eval_.host.size();
      appendEvaluationCrops(p, s_.holdoutCrop, s_.holdoutTilesPerFrame, eval_.host, start_.net->sizeMultiple());
      for (size_t i = before; i < eval_.host.size(); ++i) {
        auto [x, y] = engine_.upload(eval_.host[i]);
        eval_.crops.push_back({x, y, p.frame});
      }
    }
    if (writer_)
      appendEvaluationCrops(job_.holdoutPairs.empty() ? job_.trainPairs.front() : job_.holdoutPairs.front(),
                            std::min(s_.holdoutCrop, 256), 1, previewCrop_, start_.net->sizeMultiple());
    previewFrame_ = job_.holdoutPairs.empty() ? job_.trainPairs.front().frame : job_.holdoutPairs.front().frame;
    if (job_.holdoutPairs.empty()) note("no hold-out frames: over-fitting cannot be detected; give --holdout frames");
  }

  std::pair<double, double> evaluateNetwork() {
    return eval_.run([this](const torch::Tensor& x) { return engine_.predict(x); });
  }

  // The hold-out figures of passing the input through and of the untrained network: what
  // training is measured against.
  void measureStartingPoint() {
    const auto residual = residualInputChannels(s_.mode);
    const auto identity = eval_.run([&](const torch::Tensor& x) {
      return x.slice(1, residual.front(), residual.front() + static_cast<long>(residual.size()))
          .to(torch::kFloat32).contiguous();
    });
    const auto untrained = evaluateNetwork();
    result_.identityPsnr = identity.second;
    result_.untrainedPsnr = untrained.second;
    emit(0, "identity_psnr", identity.second);
    emit(0, "untrained_psnr", untrained.second);
    // The grade alone on the same tiles: the match-grade baseline the network has as input.
    if (start_.net->shape().graded) {
      const auto graded = eval_.run([&](const torch::Tensor& x) {
        torch::NoGradGuard noGrad;
        return start_.net->gradeOutput(x);
      });
      result_.gradePsnr = graded.second;
      emit(0, "grade_psnr", graded.second);
    }
    emit(0, "holdout_loss", untrained.first);
    emit(0, "holdout_psnr", untrained.second);
  }

  ModelInfo modelInfoAt(long long step) const {
    ModelInfo i = info_;
    i.steps = step;
    i.holdoutLoss = result_.holdoutLoss;
    i.holdoutPsnr = result_.holdoutPsnr;
    return i;
  }

  void writeCheckpoint(long long step) {
    if (!writer_) return;
    ModelContainer c = makeModelContainer(modelInfoAt(step), start_.net);
    c.blobs["optimizer"] = tensorBytes([&](auto& a) { engine_.optimizer->save(a); });
    nlohmann::json state = {{"step", step},
                            {"sampler", sampler_.saveState()},
                            {"monitor", monitor_.saveState()},
                            {"settings", s_},
                            {"worldSize", dist_.worldSize},
                            {"identityPsnr", result_.identityPsnr},
                            {"untrainedPsnr", result_.untrainedPsnr},
                            {"gradePsnr", result_.gradePsnr}};
    c.blobs["trainer"] = state.dump();
    writeModelContainer(files_.checkpoint, c);
    log_->flush();
  }

  void validate(long long step) {
    if (eval_.empty()) return;
    const auto [loss, psnr] = evaluateNetwork();
    result_.holdoutLoss = loss;
    result_.holdoutPsnr = psnr;
    emit(step, "holdout_loss", loss);
    emit(step, "holdout_psnr", psnr);
    if (monitor_.addHoldoutLoss(step, loss)) saveModelFile(files_.best, modelInfoAt(step), start_.net);
    if (auto n = monitor_.overfittingNote()) note(*n + " as '" + files_.best + "'");
    if (auto n = monitor_.plateauNote()) note(*n);
  }

  void preview(long long step) {
    if (previewCrop_.empty()) return;  // (empty on ranks other than 0)
    const CropBatch& b = previewCrop_.front();
    auto [x, y] = engine_.upload(b);
    auto out = engine_.predict(x).cpu();
    PreviewEvent e = makePreview(step, previewFrame_, s_.mode, b.input.data(), b.target.data(),
                                 out.data_ptr<float>(), b.height, b.width);
    if (job_.previewFiles) {
      std::filesystem::create_directories(files_.previews);
      char name[32];
      std::snprintf(name, sizeof name, "/step-%06lld.png", step);
      job_.previewFiles(files_.previews + name, previewStrip(e));
    }
    if (job_.onPreview) job_.onPreview(e);
  }

  // Distributed: the gradients and the loss are averaged across ranks in one all-reduce a
  // step, which also carries any rank's stop request so that all ranks stop after the same step.
  void averageAcrossRanksEveryStep() {
    engine_.reduce = [this](std::vector<torch::Tensor>& gradients, torch::Tensor& loss) {
      std::vector<torch::Tensor> parts;
      for (const auto& g : gradients) parts.push_back(g.reshape(-1));
      parts.push_back(loss.reshape(-1).to(torch::kFloat32));
      parts.push_back(torch::full({1}, control_->stopRequested() ? 1.0f : 0.0f, loss.options().dtype(torch::kFloat32)));
      torch::Tensor flat = torch::cat(parts);
      group_->allReduceSum(flat, "the gradient all-reduce of step " + std::to_string(step_));
      flat.div_(dist_.worldSize);
      int64_t offset = 0;
      for (auto& g : gradients) {
        g.copy_(flat.slice(0, offset, offset + g.numel()).view(g.sizes()));
        offset += g.numel();
      }
      loss = flat.slice(0, offset, offset + 1).clone();
      agreedStop_ = flat[offset + 1].item<float>() > 0;
    };
  }

  // The steps: pause, cancel and stop between them; validation, previews, checkpoints and
  // progress on their schedules; a diverging loss ends the run naming the last checkpoint.
  void trainSteps() {
    step_ = startStep_;
    const auto started = std::chrono::steady_clock::now();
    lastCheckpoint_ = job_.resume ? startStep_ : -1;
    while (step_ < s_.steps) {
      control_->waitWhilePaused();
      control_->token.throwIfCancelled();
      if (group_ ? agreedStop_ : control_->stopRequested()) {
        result_.stopped = true;
        note("stopped at step " + std::to_string(step_) + " on request");
        break;
      }
      const long long step = ++step_;
      const double lr = learningRateAt(step, s_);
      engine_.setLearningRate(lr);
      auto [x, y] = crops_.next(s_.batch, dist_.rank, dist_.worldSize);
      const double loss = engine_.step(x, y);
      if (auto failure = monitor_.addTrainLoss(step, loss)) {
        if (log_) log_->flush();
        throw RunError(*failure + "; training stopped" +
                       (lastCheckpoint_ >= 0 ? ", the last good checkpoint '" + files_.checkpoint +
                                                  "' (step " + std::to_string(lastCheckpoint_) + ") is kept"
                                            : " before any checkpoint was written") +
                       "; try a lower --lr.");
      }
      result_.lossCurve.push_back(loss);
      emit(step, "train_loss", loss);
      const bool last = step == s_.steps;
      if ((s_.validateEvery > 0 && step % s_.validateEvery == 0) || last) {
        emit(step, "lr", lr);
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (elapsed > 0) emit(step, "steps_per_s", (step - startStep_) / elapsed);
        validate(step);
      }
      if (s_.previewEvery > 0 && step % s_.previewEvery == 0) preview(step);
      if (s_.checkpointEvery > 0 && step % s_.checkpointEvery == 0 && !last) {
        writeCheckpoint(step);
        lastCheckpoint_ = step;
      }
      if (step % 10 == 0 || last) {
        std::ostringstream m;
        m << "step " << step << " loss " << monitor_.smoothedTrainLoss();
        if (result_.holdoutPsnr > 0) m << " hold-out PSNR " << result_.holdoutPsnr << " dB";
        reportProgress(job_.progress, {"train", step, s_.steps, m.str()});
      }
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result_.stepsPerSecond = elapsed > 0 ? (step_ - startStep_) / elapsed : 0;
  }

  // The last checkpoint (so a stopped run can be resumed), the model, and the result.
  TrainResult finish() {
    result_.steps = step_;
    if (lastCheckpoint_ != step_) writeCheckpoint(step_);
    if (writer_) saveModelFile(files_.model, modelInfoAt(step_), start_.net);
    if (log_) log_->flush();
    result_.trainLoss = monitor_.smoothedTrainLoss();
    result_.bestStep = monitor_.bestHoldoutStep();
    result_.bestHoldoutLoss = monitor_.bestHoldoutLoss();
    result_.overfitting = monitor_.overfitting();
    result_.plateau = monitor_.plateau();
    return result_;
  }

  const TrainJob& job_;
  const TrainSettings& s_;
  const DistributedSettings& dist_;
  const bool writer_;
  const std::shared_ptr<TrainControl> control_;
  TrainResult result_;
  const TrainingOutputs& files_;
  const torch::Device device_;
  const torch::ScalarType compute_;
  std::unique_ptr<TrainingProcessGroup> group_;
  ModelInfo info_;
  StartingPoint start_;
  CropSampler sampler_;
  TrainingMonitor monitor_;
  StepEngine engine_;
  DeviceCrops crops_;
  long long startStep_ = 0;
  std::optional<MetricsLog> log_;
  Evaluation eval_;
  std::vector<CropBatch> previewCrop_;
  int previewFrame_ = 0;
  long long step_ = 0;
  long long lastCheckpoint_ = -1;
  bool agreedStop_ = false;
};

}  // namespace

TrainResult trainModel(const TrainJob& job) {
  checkTrainJob(job);
  return TrainingRun(job).run();
}

}  // namespace filmrecover
