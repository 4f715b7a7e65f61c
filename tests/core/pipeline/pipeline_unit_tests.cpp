// Pipeline pieces without training: defaults sized to material and machine, cache keys,
// curation counts, bad options.
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "core/exec/errors.h"
#include "core/pipeline/fingerprint.h"
#include "core/pipeline/recover_pipeline.h"
#include "core/pipeline/report_temporal.h"
#include "core/pipeline/training_defaults.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::pipeline;

TEST(TrainingDefaults, SmallMaterialOnACpuTrainsInAboutAMinute) {
  MaterialFacts f;
  f.width = 288;
  f.height = 160;
  f.crop = {8, 8, 280, 152};
  f.trainPairs = 6;
  f.sourceFrames = 36;
  f.cores = 2;
  const auto d = chooseTrainingDefaults(f);
  EXPECT_EQ(d.preset, "M");  // S fell behind a 3D LUT's colour on generated fades
  EXPECT_EQ(d.crop % 16, 0);
  EXPECT_LE(d.crop, 96);
  EXPECT_GE(d.crop, 64);
  EXPECT_GE(d.steps, 1500);  // fewer did not beat a 3D LUT's colour on generated fades
  EXPECT_LE(d.expectedSeconds, 300);  // busy-core estimate; ~30 s on idle cores
  EXPECT_NE(d.reason.find("2 CPU cores"), std::string::npos);
}

TEST(TrainingDefaults, LargeMaterialOnAGpuGetsTheWorkflowScale) {
  MaterialFacts f;
  f.width = 2048;
  f.height = 1556;
  f.trainPairs = 40;
  f.sourceFrames = 2000;
  f.cuda = true;
  f.cores = 16;
  const auto d = chooseTrainingDefaults(f);
  EXPECT_EQ(d.preset, "M");
  EXPECT_EQ(d.crop, 512);
  EXPECT_GE(d.steps, 10000);
  MaterialFacts cpu = f;
  cpu.cuda = false;
  cpu.cores = 2;
  const auto c = chooseTrainingDefaults(cpu);
  EXPECT_EQ(c.crop, 128);
  EXPECT_LE(c.expectedSeconds, 900);  // minutes on a CPU (busy-core estimate)
  EXPECT_LT(c.steps, d.steps);
}

TEST(TrainingDefaults, ChromaLossIsComparedAtTheReferencesResolution) {
  MaterialFacts f;
  f.width = 2048;
  f.height = 1556;
  f.sourceFrames = 100;
  f.cores = 2;
  f.referenceWidth = 720;  // a DVD
  f.chroma = true;
  // 1.5x the reference's pixel footprint: its colour is subsampled (4:2:0 on a DVD).
  EXPECT_NEAR(chooseTrainingDefaults(f).lossBlur, 1.5 * 2048.0 / 720.0, 1e-9);
  EXPECT_NE(chooseTrainingDefaults(f).reason.find("colour resolution"), std::string::npos);
  f.referenceWidth = 4096;  // a sharper reference: its footprint counts as one source pixel
  EXPECT_EQ(chooseTrainingDefaults(f).lossBlur, 1.5);
  f.referenceWidth = 256;  // a tiny reference: at most 6 source pixels
  EXPECT_EQ(chooseTrainingDefaults(f).lossBlur, 6.0);
  f.referenceWidth = 4096;
  f.chroma = false;  // spatial and combined learn detail: never blurred
  EXPECT_EQ(chooseTrainingDefaults(f).lossBlur, 0.0);
}

TEST(TrainingDefaults, CurationCountsFollowTheWorkflow) {
  int train = 0, holdout = 0;
  chooseCurationCounts(30, train, holdout);
  EXPECT_GE(train, 4);
  EXPECT_GE(holdout, 1);
  EXPECT_LE(train + holdout, 30);
  chooseCurationCounts(1000, train, holdout);
  EXPECT_EQ(train, 48);
  EXPECT_EQ(holdout, 12);
  chooseCurationCounts(3, train, holdout);
  EXPECT_LE(train + holdout, 3);
  EXPECT_GE(train, 1);
}

TEST(Fingerprint, ChangesWithContentAndStaysOtherwise) {
  test::TempDir dir("pipeline");
  const std::string f = dir.file("a.txt");
  std::ofstream(f) << "one";
  const auto a = fileFingerprint(f);
  EXPECT_EQ(fileFingerprint(f), a);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::ofstream(f) << "three";
  EXPECT_NE(fileFingerprint(f), a);
  EXPECT_TRUE(fileFingerprint(dir.file("none")).empty());
  EXPECT_EQ(hashText("abc"), hashText("abc"));
  EXPECT_NE(hashText("abc"), hashText("abd"));
  EXPECT_EQ(hashText("").size(), 16u);
  EXPECT_EQ(hashJson({{"b", 1}, {"a", 2}}), hashJson({{"a", 2}, {"b", 1}}));
}

TEST(Recover, BadOptionsAreInputErrorsNamingTheFlag) {
  RecoverOptions o;
  o.mode = "colour";
  o.source = "s.####.png";
  o.reference = "r.####.png";
  o.output = "out.####.exr";
  try {
    runRecover(o);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--mode"), std::string::npos);
  }
  o.mode = "chroma";
  o.output = "out.exr";
  EXPECT_THROW(runRecover(o), InputError);
  o.output = "out.####.exr";
  o.source = "/nonexistent/s.####.png";
  EXPECT_THROW(runRecover(o), InputError);
  EXPECT_EQ(defaultWorkDir("/x/y/out.####.exr"), "/x/y/recover-work");
}

TEST(ReportTemporal, FramesAreRunsOfConsecutiveFramesSpreadOverTheFilm) {
  std::vector<int> all;
  for (int f = 1; f <= 300; ++f) all.push_back(f);
  EXPECT_EQ(filmrecover::pipeline::temporalFrames({1, 2, 3, 7}), (std::vector<int>{1, 2, 3, 7}));  // few: all
  const std::vector<int> picked = filmrecover::pipeline::temporalFrames(all, 96, 8);
  ASSERT_EQ(picked.size(), 96u);
  for (size_t r = 0; r < 12; ++r) {
    EXPECT_EQ(picked[r * 8], static_cast<int>(1 + 300 * r / 12)) << "run " << r;  // spread evenly
    for (size_t k = 1; k < 8; ++k) EXPECT_EQ(picked[r * 8 + k], picked[r * 8] + static_cast<int>(k));
  }
  // A run stops at a gap.
  std::vector<int> gappy;
  for (int f = 1; f <= 300; ++f)
    if (f != 4) gappy.push_back(f);
  const std::vector<int> g = filmrecover::pipeline::temporalFrames(gappy, 96, 8);
  EXPECT_EQ(std::vector<int>(g.begin(), g.begin() + 4), (std::vector<int>{1, 2, 3, 26}));
}
