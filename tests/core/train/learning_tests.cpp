#include <gtest/gtest.h>

#include <filesystem>

#include "core/model/model_info.h"
#include "core/train/metrics_log.h"
#include "core/train/trainer.h"
#include "tests/core/train/synthetic_pairs.h"

using namespace filmrecover;

namespace {

TrainSettings smallSettings(RecoveryMode mode) {
  TrainSettings s;
  s.mode = mode;
  s.preset = ModelPreset::S;
  s.batch = 4;
  s.crop = 48;
  s.steps = 300;
  s.lr = 2e-3;
  s.precision = Precision::Float32;  // the same numbers on CPUs with and without bf16
  s.warmupSteps = 20;
  s.validateEvery = 100;
  s.previewEvery = 150;
  s.checkpointEvery = 100;
  s.holdoutCrop = 64;
  s.threads = 1;  // tiny crops: one thread avoids OpenMP barrier spinning on a busy machine
  s.seed = 11;
  return s;
}

}  // namespace

TEST(Learning, ChromaLearnsAKnownColourTransform) {
  test::TempDir dir("train");
  TrainJob job;
  job.settings = smallSettings(RecoveryMode::Chroma);
  job.trainPairs = test::chromaPairs({1, 2, 3, 4}, 96, 80);
  job.holdoutPairs = test::chromaPairs({9}, 96, 80);
  job.modelPath = dir.file("chroma.frm");
  int previews = 0;
  job.onPreview = [&](const PreviewEvent& e) {
    ++previews;
    EXPECT_EQ(e.output.channels, 3);
  };
  std::vector<std::string> previewFiles;
  job.previewFiles = [&](const std::string& path, const Image& strip) {
    previewFiles.push_back(path);
    EXPECT_EQ(strip.channels, 3);
  };
  const TrainResult r = trainModel(job);
  EXPECT_EQ(r.steps, 300);
  EXPECT_GT(r.holdoutPsnr, r.identityPsnr + 6.0) << "identity " << r.identityPsnr;
  EXPECT_GT(r.holdoutPsnr, r.untrainedPsnr + 6.0) << "untrained " << r.untrainedPsnr;
  EXPECT_EQ(previews, 2);
  EXPECT_TRUE(std::filesystem::exists(r.outputs.model));
  EXPECT_TRUE(std::filesystem::exists(r.outputs.best));
  EXPECT_TRUE(std::filesystem::exists(r.outputs.checkpoint));
  ASSERT_EQ(previewFiles.size(), 2u);
  EXPECT_EQ(previewFiles.front(), r.outputs.previews + "/step-000150.png");
  EXPECT_TRUE(std::filesystem::is_directory(r.outputs.previews));
  const ModelInfo info = readModelInfo(r.outputs.model);
  EXPECT_EQ(info.steps, 300);
  EXPECT_EQ(info.trainingFrames, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(info.holdoutFrames, (std::vector<int>{9}));
  EXPECT_NEAR(info.holdoutPsnr, r.holdoutPsnr, 1e-9);
  int trainLines = 0, psnrLines = 0;
  for (const auto& e : MetricsLog::read(r.outputs.metrics)) {
    trainLines += e.name == "train_loss";
    psnrLines += e.name == "holdout_psnr";
  }
  EXPECT_EQ(trainLines, 300);
  EXPECT_EQ(psnrLines, 4);  // step 0 and every 100 steps
}

TEST(Learning, SpatialLearnsToUndoAKnownBlur) {
  test::TempDir dir("train");
  TrainJob job;
  job.settings = smallSettings(RecoveryMode::Spatial);
  job.trainPairs = test::spatialPairs({1, 2, 3, 4}, 96, 80);
  job.holdoutPairs = test::spatialPairs({9}, 96, 80);
  job.modelPath = dir.file("spatial.frm");
  const TrainResult r = trainModel(job);
  EXPECT_GT(r.holdoutPsnr, r.identityPsnr + 2.0) << "identity " << r.identityPsnr;
  EXPECT_GT(r.holdoutPsnr, r.untrainedPsnr + 2.0) << "untrained " << r.untrainedPsnr;
}
