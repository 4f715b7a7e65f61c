#include "core/bench/bench.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <random>

#include "core/dataset/crop_sampler.h"
#include "core/dataset/device_crops.h"
#include "core/exec/errors.h"
#include "core/infer/frame_predictor.h"
#include "core/model/compute.h"
#include "core/model/model_file.h"
#include "core/train/train_step.h"

namespace filmrecover {

double unetFlops(double h, double w, int in, int out, int W) {
  auto c = [](double hh, double ww, double i, double o, double k = 3) { return 2 * hh * ww * i * o * k * k; };
  double f = c(h, w, in, W) + c(h, w, W, W);
  f += c(h / 2, w / 2, W, 2 * W) + c(h / 2, w / 2, 2 * W, 2 * W);
  f += c(h / 4, w / 4, 2 * W, 4 * W) + c(h / 4, w / 4, 4 * W, 4 * W);
  f += c(h / 2, w / 2, 6 * W, 2 * W) + c(h / 2, w / 2, 2 * W, 2 * W);
  f += c(h, w, 3 * W, W) + c(h, w, W, W);
  f += c(h, w, W, out, 1);
  return f;
}

namespace {

double round3(double v) { return std::round(v * 1000) / 1000; }
double round1(double v) { return std::round(v * 10) / 10; }

Image randomImage(int w, int h, int c, unsigned seed) {
  Image im(w, h, c);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  for (float& v : im.pixels) v = u(rng);
  return im;
}

nlohmann::json common(const BenchSettings& s, const torch::Device& device, torch::ScalarType compute) {
  return {{"engine", "filmrecover"}, {"threads", torch::get_num_threads()},
          {"width", presetWidth(s.preset)}, {"batch", s.batch}, {"crop", s.crop},
          {"precision", precisionName(compute)}, {"device", device.is_cuda() ? "cuda" : "cpu"}};
}

}  // namespace

nlohmann::json benchTrain(const BenchSettings& s) {
  if (s.batch < 1 || s.crop < 8 || s.crop % 4 != 0 || s.steps < 1)
    throw InputError("bench needs --batch >= 1, --crop a multiple of 4 and --steps >= 1.");
  configureTorchThreads(s.threads);
  const torch::Device device = resolveDevice(s.device);
  const torch::ScalarType compute = computeType(s.precision, device);
  torch::manual_seed(0);
  // Two frames in memory, as the trainer holds them; crops are drawn per step.
  std::vector<TrainingPair> pairs(2);
  for (int i = 0; i < 2; ++i) {
    pairs[i].frame = i + 1;
    pairs[i].input = randomImage(s.crop * 2, s.crop * 2, 3, 1 + i);
    pairs[i].target = randomImage(s.crop * 2, s.crop * 2, 2, 11 + i);
  }
  CropSampler sampler(pairs, s.crop, AugmentationSettings{}, 0);
  StepEngine engine(RecoveryNet(RecoveryMode::Chroma, presetWidth(s.preset)), device, compute,
                    LossKind::L1, 0.0, 1e-3);
  DeviceCrops crops(sampler, device, engine.format);
  auto step = [&] {
    auto [x, y] = crops.next(s.batch);
    return engine.step(x, y);  // reads the loss back: the clock sees finished work
  };
  for (int i = 0; i < 3; ++i) step();
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < s.steps; ++i) step();
  const double perStep = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / s.steps;
  const double flop = 3 * unetFlops(s.crop, s.crop, 3, 2, presetWidth(s.preset)) * s.batch;
  nlohmann::json j = common(s, device, compute);
  j["train_steps_per_s"] = round3(1 / perStep);
  j["train_gflops"] = round1(flop / perStep / 1e9);
  return j;
}

nlohmann::json benchInfer(const BenchSettings& s) {
  if (s.inferWidth < 4 || s.inferHeight < 4 || s.inferRuns < 1)
    throw InputError("bench needs --infer-size of at least 4x4.");
  configureTorchThreads(s.threads);
  const torch::Device device = resolveDevice(s.device);
  const torch::ScalarType compute = computeType(s.precision, device);
  // The renderer loads models from files: so does the benchmark.
  const auto path = std::filesystem::temp_directory_path() /
                    ("filmrecover-bench-" + std::to_string(::getpid()) + ".frm");
  torch::manual_seed(0);
  RecoveryNet net(RecoveryMode::Chroma, presetWidth(s.preset));
  saveModelFile(path.string(), ModelInfo::forNetwork(RecoveryMode::Chroma, s.preset), net);
  InferSettings is;
  is.threads = s.threads;
  is.device = s.device;
  is.precision = s.precision;
  FramePredictor predictor(path.string(), is);
  std::filesystem::remove(path);
  const Image input = randomImage(s.inferWidth, s.inferHeight, 3, 5);
  predictor.predict(input);
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < s.inferRuns; ++i) predictor.predict(input);
  const double perFrame =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / s.inferRuns;
  nlohmann::json j = common(s, device, compute);
  j["infer_size"] = std::to_string(s.inferWidth) + "x" + std::to_string(s.inferHeight);
  j["infer_frames_per_s"] = round3(1 / perFrame);
  j["infer_gflops"] = round1(unetFlops(s.inferHeight, s.inferWidth, 3, 2, presetWidth(s.preset)) / perFrame / 1e9);
  j["tile_size"] = predictor.tileSize();
  return j;
}

}  // namespace filmrecover
