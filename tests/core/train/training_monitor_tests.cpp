#include <gtest/gtest.h>

#include <cmath>

#include "core/train/train_settings.h"
#include "core/train/train_step.h"
#include "core/train/training_monitor.h"

using namespace filmrecover;

TEST(TrainingMonitor, FlagsNonFiniteAndExplodingLoss) {
  TrainingMonitor m;
  for (int i = 1; i <= 30; ++i) EXPECT_FALSE(m.addTrainLoss(i, 0.01));
  EXPECT_FALSE(m.addTrainLoss(31, 0.05)) << "a spike is normal";
  EXPECT_TRUE(m.addTrainLoss(32, 50.0));
  EXPECT_TRUE(m.addTrainLoss(33, NAN));
}

TEST(TrainingMonitor, DetectsOverfittingWhenHoldoutRisesWhileTrainingFalls) {
  TrainingMonitor m(3, 100);
  double train = 0.1;
  const double holdout[] = {0.1, 0.08, 0.06, 0.065, 0.07, 0.075, 0.08};
  long long step = 0;
  for (double h : holdout) {
    for (int i = 0; i < 10; ++i) m.addTrainLoss(++step, train *= 0.97);
    m.addHoldoutLoss(step, h);
  }
  auto note = m.overfittingNote();
  ASSERT_TRUE(note.has_value());
  EXPECT_NE(note->find("step 30"), std::string::npos) << *note;
  EXPECT_EQ(m.bestHoldoutStep(), 30);
  EXPECT_FALSE(m.overfittingNote()) << "said once";
}

TEST(TrainingMonitor, DetectsAPlateau) {
  TrainingMonitor m(3, 4);
  long long step = 0;
  for (int v = 0; v < 8; ++v) {
    for (int i = 0; i < 10; ++i) m.addTrainLoss(++step, 0.02);
    m.addHoldoutLoss(step, v < 2 ? 0.05 - 0.01 * v : 0.04);
  }
  EXPECT_TRUE(m.plateauNote().has_value());
  EXPECT_FALSE(m.overfittingNote().has_value());
}

TEST(TrainingMonitor, StateRoundTripKeepsTheJudgement) {
  TrainingMonitor a(2, 100);
  for (int i = 1; i <= 20; ++i) a.addTrainLoss(i, 0.1 / i);
  a.addHoldoutLoss(20, 0.05);
  TrainingMonitor b(2, 100);
  b.loadState(a.saveState());
  EXPECT_EQ(b.bestHoldoutLoss(), 0.05);
  EXPECT_DOUBLE_EQ(b.smoothedTrainLoss(), a.smoothedTrainLoss());
}

TEST(LearningRate, WarmsUpThenFollowsACosine) {
  TrainSettings s;
  s.lr = 1e-3;
  s.steps = 1100;
  s.warmupSteps = 100;
  EXPECT_NEAR(learningRateAt(1, s), 1e-3 * (0.01 + 0.99 / 100), 1e-12);
  EXPECT_NEAR(learningRateAt(100, s), 1e-3, 1e-12);
  EXPECT_NEAR(learningRateAt(600, s), 0.5 * (1e-3 + 1e-5), 1e-9);
  EXPECT_NEAR(learningRateAt(1100, s), 1e-5, 1e-12);
  s.schedule = "constant";
  EXPECT_EQ(learningRateAt(900, s), 1e-3);
}

TEST(TrainSettings, JsonRoundTripAndValidation) {
  TrainSettings s;
  s.mode = RecoveryMode::Spatial;
  s.loss = LossKind::L1Ssim;
  s.device = DeviceChoice::Cpu;
  s.augmentation.exposure = 0.05;
  s.lossBlur = 1.75;
  EXPECT_EQ(nlohmann::json(s).get<TrainSettings>(), s);
  TrainSettings blurry = s;
  blurry.lossBlur = -1;
  EXPECT_THROW(validateTrainSettings(blurry), std::exception);
  s.crop = 30;
  EXPECT_THROW(validateTrainSettings(s), std::exception);
}

TEST(TrainingLoss, StructureTermsAreZeroForEqualImagesAndPositiveOtherwise) {
  auto a = torch::rand({1, 1, 32, 32});
  for (LossKind k : {LossKind::L1, LossKind::L1Ssim, LossKind::L1Frequency}) {
    EXPECT_NEAR(trainingLoss(a, a, k, 0.5).item<double>(), 0.0, 1e-5);
    EXPECT_GT(trainingLoss(a, a * 0.5, k, 0.5).item<double>(), 0.01);
  }
}
