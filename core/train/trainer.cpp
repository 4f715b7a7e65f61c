#include "core/train/trainer.h"

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

}  // namespace

TrainResult trainModel(const TrainJob& job) {
  const TrainSettings& s = job.settings;
  validateTrainSettings(s);
  if (job.trainPairs.empty()) throw InputError("no training pairs: give --frames or a dataset with training frames.");
  checkPairs(job.trainPairs, s.mode, "training");
  checkPairs(job.holdoutPairs, s.mode, "hold-out");
  if (job.modelPath.empty()) throw InputError("no model file to write was given (-o).");
  const auto control = job.control ? job.control : std::make_shared<TrainControl>();
  const DistributedSettings& dist = s.distributed;
  if (dist.enabled() && s.batch % dist.worldSize != 0)
    throw InputError("--batch " + std::to_string(s.batch) + " (the combined batch) does not divide among " +
                     "--world-size " + std::to_string(dist.worldSize) + " processes: give a multiple of " +
                     std::to_string(dist.worldSize) + ".");
  // Rank 0 alone writes files; the others train and report.
  const bool writer = dist.rank == 0;

  TrainResult result;
  result.rank = dist.rank;
  result.worldSize = dist.worldSize;
  result.outputs = TrainingOutputs::forModel(job.modelPath);
  const TrainingOutputs& files = result.outputs;
  configureTorchThreads(s.threads);
  const torch::Device device = resolveDevice(s.device);
  const torch::ScalarType compute = computeType(s.precision, device);
  auto note = [&](const std::string& text) {
    result.notes.push_back(text);
    if (job.onNote) job.onNote(text);
  };
  // The other ranks are met before anything is loaded, so a wrong address fails at once.
  std::unique_ptr<TrainingProcessGroup> group;
  if (dist.enabled()) {
    group = std::make_unique<TrainingProcessGroup>(dist, device, dist.rank == 0 ? describeTrainJob(job) : "");
    note("distributed training: " + dist.describe() + " (" + group->backend() + ", rendezvous " +
         dist.masterAddr + ":" + std::to_string(dist.masterPort) + "), " + std::to_string(s.batch / dist.worldSize) +
         " of the " + std::to_string(s.batch) + " crops of each step here");
  }

  // Provenance of every file this run writes.
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

  // The network: fresh (seeded), fine-tuned from another model, or resumed. The seed goes
  // through LibTorch's one global generator: a training on another thread (the workstation's,
  // a second rank in a test) must not draw from it between the seed and the initialisation,
  // or the same seed would not give the same network.
  RecoveryNet net{nullptr};
  {
    static std::mutex globalGenerator;
    const std::lock_guard<std::mutex> seeded(globalGenerator);
    torch::manual_seed(s.seed);
    net = RecoveryNet(s.mode, presetWidth(s.preset));
  }
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
    net = m.net;
  } else if (!s.initialWeights.empty()) {
    LoadedModel m = loadModelFile(s.initialWeights, s.mode);
    info.preset = m.info.preset;
    info.width = m.info.width;
    net = m.net;
    note("fine-tuning from '" + s.initialWeights + "' (size " + toString(m.info.preset) + ")");
  }

  CropSampler sampler(job.trainPairs, s.crop, s.augmentation, s.seed);
  TrainingMonitor monitor(s.overfitPatience, s.plateauPatience);
  StepEngine engine(net, device, compute, s.loss, s.auxLossWeight, s.lr);
  engine.lossBlur = s.lossBlur;
  // The training frames go to the device once; each step draws its crops there.
  DeviceCrops crops(sampler, device, engine.format);
  long long startStep = 0;
  nlohmann::json trainerState;
  if (job.resume) {
    const auto opt = checkpoint.blobs.find("optimizer");
    const auto st = checkpoint.blobs.find("trainer");
    if (opt == checkpoint.blobs.end() || st == checkpoint.blobs.end())
      throw InputError("'" + files.checkpoint + "' is a model, not a checkpoint (no optimiser state).");
    try {
      torch::serialize::InputArchive a;
      std::istringstream in(opt->second);
      a.load_from(in);
      engine.optimizer->load(a);
      trainerState = nlohmann::json::parse(st->second);
    } catch (const std::exception&) {
      throw InputError("checkpoint '" + files.checkpoint + "' is corrupt (optimiser or trainer state).");
    }
    startStep = trainerState.value("step", 0ll);
    const auto saved = trainerState.value("settings", nlohmann::json::object());
    for (const char* key : {"batch", "crop", "seed", "mode", "preset"})
      if (saved.contains(key) && saved[key] != nlohmann::json(s)[key])
        throw InputError(std::string("cannot resume: --") + key + " differs from the checkpoint's (" +
                         saved[key].dump() + ").");
    sampler.loadState(trainerState.value("sampler", ""));
    monitor.loadState(trainerState.value("monitor", nlohmann::json::object()));
    result.identityPsnr = trainerState.value("identityPsnr", -1.0);
    result.untrainedPsnr = trainerState.value("untrainedPsnr", -1.0);
    note("resumed from step " + std::to_string(startStep) + " of '" + files.checkpoint + "'");
    const int savedWorld = trainerState.value("worldSize", 1);
    if (savedWorld != dist.worldSize)
      note("the checkpoint was written by " + std::to_string(savedWorld) + " process(es), this run has " +
           std::to_string(dist.worldSize) + ": the combined batch and its crops are the same");
  }
  result.startStep = startStep;
  if (group) {
    // Every rank must run the same job: rank 0's numbers against each rank's own.
    const std::vector<long long> mine = {startStep, s.steps, s.batch, s.crop, static_cast<long long>(s.seed),
                                         static_cast<long long>(job.trainPairs.size())};
    static const char* names[] = {"start step", "--steps", "--batch", "--crop", "--seed", "training frames"};
    std::vector<torch::Tensor> agreed{torch::tensor(std::vector<int64_t>(mine.begin(), mine.end())).to(device)};
    group->broadcastFromRankZero(agreed, "the settings check at the start");
    const auto zero = agreed[0].cpu();
    for (size_t i = 0; i < mine.size(); ++i)
      if (zero[static_cast<long>(i)].item<int64_t>() != mine[i])
        throw InputError("distributed training, " + dist.describe() + ": " + names[i] + " is " +
                         std::to_string(mine[i]) + " here but " + std::to_string(zero[static_cast<long>(i)].item<int64_t>()) +
                         " on rank 0: every rank must be given the same flags, data and checkpoint.");
    // One starting point: rank 0's weights (fresh, fine-tuned or resumed).
    std::vector<torch::Tensor> weights = net->parameters();
    group->broadcastFromRankZero(weights, "the weight broadcast at the start");
  }

  std::optional<MetricsLog> log;
  if (writer) log.emplace(files.metrics, job.resume ? startStep : -1);
  auto emit = [&](long long step, const std::string& name, double value) {
    MetricEvent e{step, name, value};
    if (log) log->write(e);
    if (job.onMetric) job.onMetric(e);
  };

  // Hold-out crops (fixed pixels, so every evaluation is comparable); preview crop.
  Evaluation eval;
  eval.lossBlur = s.lossBlur;
  for (const auto& p : writer ? job.holdoutPairs : std::vector<TrainingPair>{}) {
    const size_t before = eval.host.size();
    appendEvaluationCrops(p, s.holdoutCrop, s.holdoutTilesPerFrame, eval.host);
    for (size_t i = before; i < eval.host.size(); ++i) {
      auto [x, y] = engine.upload(eval.host[i]);
      eval.crops.push_back({x, y, p.frame});
    }
  }
  std::vector<CropBatch> previewCrop;
  if (writer)
    appendEvaluationCrops(job.holdoutPairs.empty() ? job.trainPairs.front() : job.holdoutPairs.front(),
                        std::min(s.holdoutCrop, 256), 1, previewCrop);
  const int previewFrame = job.holdoutPairs.empty() ? job.trainPairs.front().frame : job.holdoutPairs.front().frame;
  if (job.holdoutPairs.empty()) note("no hold-out frames: over-fitting cannot be detected; give --holdout frames");

  auto predict = [&](const torch::Tensor& x) { return engine.predict(x); };
  const auto residual = residualInputChannels(s.mode);
  if (!eval.empty() && !job.resume) {
    const auto identity = eval.run([&](const torch::Tensor& x) {
      return x.slice(1, residual.front(), residual.front() + static_cast<long>(residual.size()))
          .to(torch::kFloat32).contiguous();
    });
    const auto untrained = eval.run(predict);
    result.identityPsnr = identity.second;
    result.untrainedPsnr = untrained.second;
    emit(0, "identity_psnr", identity.second);
    emit(0, "untrained_psnr", untrained.second);
    emit(0, "holdout_loss", untrained.first);
    emit(0, "holdout_psnr", untrained.second);
  }

  auto modelInfoAt = [&](long long step) {
    ModelInfo i = info;
    i.steps = step;
    i.holdoutLoss = result.holdoutLoss;
    i.holdoutPsnr = result.holdoutPsnr;
    return i;
  };
  auto writeCheckpoint = [&](long long step) {
    if (!writer) return;
    ModelContainer c = makeModelContainer(modelInfoAt(step), net);
    c.blobs["optimizer"] = tensorBytes([&](auto& a) { engine.optimizer->save(a); });
    nlohmann::json state = {{"step", step},
                            {"sampler", sampler.saveState()},
                            {"monitor", monitor.saveState()},
                            {"settings", s},
                            {"worldSize", dist.worldSize},
                            {"identityPsnr", result.identityPsnr},
                            {"untrainedPsnr", result.untrainedPsnr}};
    c.blobs["trainer"] = state.dump();
    writeModelContainer(files.checkpoint, c);
    log->flush();
  };
  auto validate = [&](long long step) {
    if (eval.empty()) return;
    const auto [loss, psnr] = eval.run(predict);
    result.holdoutLoss = loss;
    result.holdoutPsnr = psnr;
    emit(step, "holdout_loss", loss);
    emit(step, "holdout_psnr", psnr);
    if (monitor.addHoldoutLoss(step, loss)) saveModelFile(files.best, modelInfoAt(step), net);
    if (auto n = monitor.overfittingNote()) note(*n + " as '" + files.best + "'");
    if (auto n = monitor.plateauNote()) note(*n);
  };
  auto preview = [&](long long step) {
    if (previewCrop.empty()) return;  // (empty on ranks other than 0)
    const CropBatch& b = previewCrop.front();
    auto [x, y] = engine.upload(b);
    auto out = engine.predict(x).cpu();
    PreviewEvent e = makePreview(step, previewFrame, s.mode, b.input.data(), b.target.data(),
                                 out.data_ptr<float>(), b.height, b.width);
    if (job.previewFiles) {
      std::filesystem::create_directories(files.previews);
      char name[32];
      std::snprintf(name, sizeof name, "/step-%06lld.png", step);
      job.previewFiles(files.previews + name, previewStrip(e));
    }
    if (job.onPreview) job.onPreview(e);
  };

  // Distributed: the gradients and the loss are averaged across ranks in one all-reduce a
  // step, which also carries any rank's stop request so that all ranks stop after the same step.
  bool agreedStop = false;
  long long step = startStep;
  if (group) {
    engine.reduce = [&](std::vector<torch::Tensor>& gradients, torch::Tensor& loss) {
      std::vector<torch::Tensor> parts;
      for (const auto& g : gradients) parts.push_back(g.reshape(-1));
      parts.push_back(loss.reshape(-1).to(torch::kFloat32));
      parts.push_back(torch::full({1}, control->stopRequested() ? 1.0f : 0.0f, loss.options().dtype(torch::kFloat32)));
      torch::Tensor flat = torch::cat(parts);
      group->allReduceSum(flat, "the gradient all-reduce of step " + std::to_string(step));
      flat.div_(dist.worldSize);
      int64_t offset = 0;
      for (auto& g : gradients) {
        g.copy_(flat.slice(0, offset, offset + g.numel()).view(g.sizes()));
        offset += g.numel();
      }
      loss = flat.slice(0, offset, offset + 1).clone();
      agreedStop = flat[offset + 1].item<float>() > 0;
    };
  }

  const auto started = std::chrono::steady_clock::now();
  long long lastCheckpoint = job.resume ? startStep : -1;
  while (step < s.steps) {
    control->waitWhilePaused();
    control->token.throwIfCancelled();
    if (group ? agreedStop : control->stopRequested()) {
      result.stopped = true;
      note("stopped at step " + std::to_string(step) + " on request");
      break;
    }
    ++step;
    const double lr = learningRateAt(step, s);
    engine.setLearningRate(lr);
    auto [x, y] = crops.next(s.batch, dist.rank, dist.worldSize);
    const double loss = engine.step(x, y);
    if (auto failure = monitor.addTrainLoss(step, loss)) {
      if (log) log->flush();
      throw RunError(*failure + "; training stopped" +
                     (lastCheckpoint >= 0 ? ", the last good checkpoint '" + files.checkpoint +
                                                "' (step " + std::to_string(lastCheckpoint) + ") is kept"
                                          : " before any checkpoint was written") +
                     "; try a lower --lr.");
    }
    result.lossCurve.push_back(loss);
    emit(step, "train_loss", loss);
    const bool last = step == s.steps;
    if ((s.validateEvery > 0 && step % s.validateEvery == 0) || last) {
      emit(step, "lr", lr);
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (elapsed > 0) emit(step, "steps_per_s", (step - startStep) / elapsed);
      validate(step);
    }
    if (s.previewEvery > 0 && step % s.previewEvery == 0) preview(step);
    if (s.checkpointEvery > 0 && step % s.checkpointEvery == 0 && !last) {
      writeCheckpoint(step);
      lastCheckpoint = step;
    }
    if (step % 10 == 0 || last) {
      std::ostringstream m;
      m << "step " << step << " loss " << monitor.smoothedTrainLoss();
      if (result.holdoutPsnr > 0) m << " hold-out PSNR " << result.holdoutPsnr << " dB";
      reportProgress(job.progress, {"train", step, s.steps, m.str()});
    }
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.stepsPerSecond = elapsed > 0 ? (step - startStep) / elapsed : 0;
  result.steps = step;
  if (lastCheckpoint != step) writeCheckpoint(step);  // so a stopped run can be resumed
  if (writer) saveModelFile(files.model, modelInfoAt(step), net);
  if (log) log->flush();
  result.trainLoss = monitor.smoothedTrainLoss();
  result.bestStep = monitor.bestHoldoutStep();
  result.bestHoldoutLoss = monitor.bestHoldoutLoss();
  result.overfitting = monitor.overfitting();
  result.plateau = monitor.plateau();
  return result;
}

}  // namespace filmrecover
