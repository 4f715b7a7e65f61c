// Reduced precision learns what float32 learns: the hold-out loss after the same steps is
// within 5% (the criterion). Runs on the device `auto` picks: CUDA on a GPU machine
// (bf16, or fp16 with loss scaling), the CPU here (bf16, native or emulated).
#include <gtest/gtest.h>

#include "core/model/compute_settings.h"
#include "core/train/trainer.h"
#include "tests/core/train/synthetic_pairs.h"

using namespace filmrecover;

namespace {

TrainResult train(Precision precision, const std::string& path) {
  TrainJob job;
  TrainSettings& s = job.settings;
  s.mode = RecoveryMode::Chroma;
  s.preset = ModelPreset::S;
  s.batch = 4;
  s.crop = 48;
  s.steps = 400;  // at 200 steps two fp32 runs of different seeds differ by 40%; at 400, 6%
  s.lr = 2e-3;
  s.precision = precision;
  s.warmupSteps = 20;
  s.validateEvery = 400;
  s.previewEvery = 0;
  s.checkpointEvery = 0;
  s.holdoutCrop = 64;
  s.threads = 1;
  s.seed = 11;
  job.trainPairs = test::chromaPairs({1, 2, 3, 4}, 96, 80);
  job.holdoutPairs = test::chromaPairs({9}, 96, 80);
  job.modelPath = path;
  return trainModel(job);
}

}  // namespace

TEST(Precision, ReducedPrecisionHoldoutLossIsWithinFivePercentOfFloat32) {
  test::TempDir dir("precision");
  const TrainResult fp32 = train(Precision::Float32, dir.file("fp32.frm"));
  const bool cuda = cudaAvailable();
  const TrainResult reduced = train(cuda ? Precision::Auto : Precision::BFloat16, dir.file("reduced.frm"));
  ASSERT_GT(fp32.holdoutLoss, 0);
  EXPECT_LT(std::abs(reduced.holdoutLoss - fp32.holdoutLoss), 0.05 * fp32.holdoutLoss)
      << "fp32 " << fp32.holdoutLoss << ", reduced " << reduced.holdoutLoss << (cuda ? " (CUDA)" : " (CPU)");
}
