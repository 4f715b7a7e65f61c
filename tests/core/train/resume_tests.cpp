#include <gtest/gtest.h>

#include <filesystem>

#include "core/exec/errors.h"
#include "core/model/model_info.h"
#include "core/train/metrics_log.h"
#include "core/train/trainer.h"
#include "tests/core/train/synthetic_pairs.h"

using namespace filmrecover;

namespace {

TrainJob resumeJob(const std::string& modelPath) {
  TrainJob job;
  TrainSettings& s = job.settings;
  s.mode = RecoveryMode::Chroma;
  s.preset = ModelPreset::S;
  s.batch = 2;
  s.crop = 32;
  s.steps = 40;
  s.warmupSteps = 5;
  s.validateEvery = 10;
  s.previewEvery = 0;
  s.checkpointEvery = 10;
  s.holdoutCrop = 32;
  s.threads = 1;  // tiny crops: one thread avoids OpenMP barrier spinning on a busy machine
  s.seed = 7;
  job.trainPairs = test::chromaPairs({1, 2}, 64, 48);
  job.holdoutPairs = test::chromaPairs({5}, 64, 48);
  job.modelPath = modelPath;
  return job;
}

}  // namespace

TEST(Resume, StopThenResumeGivesTheUnbrokenLossCurve) {
  test::TempDir dir("resume");
  const TrainResult unbroken = trainModel(resumeJob(dir.file("a.frm")));
  ASSERT_EQ(unbroken.lossCurve.size(), 40u);

  TrainJob first = resumeJob(dir.file("b.frm"));
  first.control = std::make_shared<TrainControl>();
  auto control = first.control;
  first.onMetric = [control](const MetricEvent& e) {
    if (e.name == "train_loss" && e.step == 17) control->requestStop();
  };
  const TrainResult stopped = trainModel(first);
  EXPECT_TRUE(stopped.stopped);
  EXPECT_EQ(stopped.steps, 17);

  TrainJob second = resumeJob(dir.file("b.frm"));
  second.resume = true;
  const TrainResult resumed = trainModel(second);
  EXPECT_EQ(resumed.startStep, 17);
  EXPECT_EQ(resumed.steps, 40);
  std::vector<double> joined = stopped.lossCurve;
  joined.insert(joined.end(), resumed.lossCurve.begin(), resumed.lossCurve.end());
  ASSERT_EQ(joined.size(), unbroken.lossCurve.size());
  for (size_t i = 0; i < joined.size(); ++i)
    EXPECT_DOUBLE_EQ(joined[i], unbroken.lossCurve[i]) << "step " << i + 1;
  EXPECT_DOUBLE_EQ(resumed.holdoutPsnr, unbroken.holdoutPsnr);
}

TEST(Resume, AfterACancelResumesFromTheLastCheckpointAndTheLogHasNoDuplicates) {
  test::TempDir dir("resume");
  const TrainResult unbroken = trainModel(resumeJob(dir.file("a.frm")));

  TrainJob first = resumeJob(dir.file("k.frm"));
  first.control = std::make_shared<TrainControl>();
  auto control = first.control;
  first.onMetric = [control](const MetricEvent& e) {
    if (e.name == "train_loss" && e.step == 25) control->cancel();  // "killed" at 25
  };
  EXPECT_THROW(trainModel(first), CancelledError);
  EXPECT_FALSE(std::filesystem::exists(dir.file("k.frm")));

  TrainJob second = resumeJob(dir.file("k.frm"));
  second.resume = true;
  const TrainResult resumed = trainModel(second);
  EXPECT_EQ(resumed.startStep, 20);  // the last checkpoint before the kill
  ASSERT_EQ(resumed.lossCurve.size(), 20u);
  for (size_t i = 0; i < 20; ++i) EXPECT_DOUBLE_EQ(resumed.lossCurve[i], unbroken.lossCurve[20 + i]);
  std::vector<long long> steps;
  for (const auto& e : MetricsLog::read(resumed.outputs.metrics))
    if (e.name == "train_loss") steps.push_back(e.step);
  ASSERT_EQ(steps.size(), 40u);
  for (size_t i = 0; i < steps.size(); ++i) EXPECT_EQ(steps[i], static_cast<long long>(i + 1));
}

TEST(Resume, WithoutACheckpointIsAnInputError) {
  test::TempDir dir("resume");
  TrainJob job = resumeJob(dir.file("none.frm"));
  job.resume = true;
  EXPECT_THROW(trainModel(job), InputError);
}

TEST(Trainer, PauseHoldsTheRunUntilResumed) {
  test::TempDir dir("pause");
  TrainJob job = resumeJob(dir.file("p.frm"));
  job.settings.steps = 12;
  job.control = std::make_shared<TrainControl>();
  auto control = job.control;
  control->pause();
  std::thread releaser([control] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    control->resume();
  });
  const auto t0 = std::chrono::steady_clock::now();
  const TrainResult r = trainModel(job);
  releaser.join();
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(300));
  EXPECT_EQ(r.steps, 12);
}

TEST(Trainer, NanLossStopsWithAClearMessageKeepingTheCheckpoint) {
  test::TempDir dir("nan");
  TrainJob job = resumeJob(dir.file("n.frm"));
  job.settings.steps = 30;
  job.settings.checkpointEvery = 5;
  job.settings.validateEvery = 0;
  // Poison the data after 12 steps: the metric callback turns every target into NaN.
  auto& pairs = job.trainPairs;
  job.onMetric = [&pairs](const MetricEvent& e) {
    if (e.name == "train_loss" && e.step == 12)
      for (auto& p : pairs) std::fill(p.target.pixels.begin(), p.target.pixels.end(), NAN);
  };
  try {
    trainModel(job);
    FAIL() << "no error";
  } catch (const RunError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("step 13"), std::string::npos) << what;
    EXPECT_NE(what.find("n.ckpt.frm"), std::string::npos) << what;
  }
  EXPECT_EQ(readModelInfo(dir.file("n.ckpt.frm")).steps, 10);
}

TEST(Trainer, FineTunesFromAnotherModel) {
  test::TempDir dir("init");
  TrainJob base = resumeJob(dir.file("base.frm"));
  const TrainResult r0 = trainModel(base);
  TrainJob tune = resumeJob(dir.file("tuned.frm"));
  tune.settings.initialWeights = dir.file("base.frm");
  tune.settings.steps = 10;
  const TrainResult r1 = trainModel(tune);
  EXPECT_GT(r1.untrainedPsnr, r0.untrainedPsnr + 1.0) << "starts from the trained weights";
  tune.settings.mode = RecoveryMode::Spatial;
  tune.trainPairs = test::spatialPairs({1}, 64, 48);
  tune.holdoutPairs.clear();
  EXPECT_THROW(trainModel(tune), InputError);
}
