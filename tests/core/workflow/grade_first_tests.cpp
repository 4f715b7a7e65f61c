// Grade, then refine, as every training path runs it (workflow::runTraining): the model's grade
// is the match-grade of its training pairs, the network starts from it, and the flag that
// turns it off gives a model without one.
#include <filesystem>

#include <gtest/gtest.h>

#include "core/color/ycbcr.h"
#include "core/grade/lut3d.h"
#include "core/grade/match_grade_job.h"
#include "core/io/image_writer.h"
#include "core/model/model_file.h"
#include "core/workflow/training_run.h"
#include "tests/core/grade/grade_test_images.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

namespace {

// src.000N.exr and its restored colour ref.000N.exr, frames 1..4.
void writePairs(const test::TempDir& dir) {
  WriteOptions o;
  o.exrDataType = "float";
  for (int f = 1; f <= 4; ++f) {
    char s[32], r[32];
    std::snprintf(s, sizeof s, "src.%04d.exr", f);
    std::snprintf(r, sizeof r, "ref.%04d.exr", f);
    const Image src = test::makeColourField(64, 48, static_cast<unsigned>(f));
    writeImageAtomic(dir.file(s), src, o);
    writeImageAtomic(dir.file(r), test::applyRestore(src), o);
  }
}

workflow::TrainingRequest request(const test::TempDir& dir, bool gradeFirst, const std::string& base = "source") {
  workflow::TrainingRequest q;
  q.settings.mode = RecoveryMode::Chroma;
  q.settings.preset = ModelPreset::S;
  q.settings.steps = 3;
  q.settings.crop = 32;
  q.settings.batch = 1;
  q.settings.threads = 1;
  q.settings.validateEvery = 3;
  q.settings.previewEvery = 0;
  q.settings.checkpointEvery = 0;
  q.settings.gradeFirst = gradeFirst;
  q.settings.gradeBase = base;
  q.sources = {dir.file("src.####.exr"), dir.file("ref.####.exr"), ""};
  q.trainFrames = {1, 2, 3};
  q.holdoutFrames = {4};
  q.validArea = Rect{2, 2, 62, 46};
  q.modelPath = dir.file(gradeFirst ? base + ".frm" : "plain.frm");
  return q;
}

}  // namespace

TEST(GradeFirst, TheModelsGradeIsTheMatchGradeOfItsPairsAndTheNetworkStartsThere) {
  test::TempDir dir("grade-first");
  writePairs(dir);
  std::vector<std::string> notes;
  workflow::TrainingListeners l;
  l.note = [&](const std::string& n) { notes.push_back(n); };
  const auto outcome = workflow::runTraining(request(dir, true), nullptr, l);
  ASSERT_FALSE(notes.empty());
  EXPECT_NE(notes.front().find("grade, then refine"), std::string::npos) << notes.front();

  LoadedModel m = loadModelFile(outcome.modelPath, RecoveryMode::Chroma);
  ASSERT_TRUE(m.info.graded());
  EXPECT_EQ(m.info.grade["fit"]["frames"], "1-3");
  EXPECT_EQ(m.info.grade["fit"]["reference"], dir.file("ref.####.exr"));
  // The very LUT `grade` and recover's baseline fit on these pairs.
  grade::LutFitOptions options;
  options.crop = Rect{2, 2, 62, 46};
  options.threads = 1;
  const auto fit = grade::fitMatchGrade(dir.file("src.####.exr"), dir.file("ref.####.exr"), {1, 2, 3}, options);
  EXPECT_EQ(m.net->grade().table, fit.lut.table);
  EXPECT_EQ(m.net->grade().shaperStrength, fit.lut.shaperStrength);
  // Applied in the network as grade::applyLut applies it (log pre-space and all).
  const Image src = test::makeColourField(64, 48, 4);
  const Image graded = rgbToYCbCr(grade::applyLut(fit.lut, src, 1));
  const Image ycc = rgbToYCbCr(src);
  auto x = torch::from_blob(const_cast<float*>(ycc.pixels.data()), {1, 48, 64, 3}).permute({0, 3, 1, 2});
  auto expected = torch::from_blob(const_cast<float*>(graded.pixels.data()), {1, 48, 64, 3}).permute({0, 3, 1, 2});
  EXPECT_LT((m.net->gradeYcc(x) - expected).abs().max().item<float>(), 1e-5f);
  // The grade alone already beats the source on the hold-out frame; by default the network's
  // correction is added to the source's colour, so untrained it is the identity.
  EXPECT_GT(outcome.summary["gradePsnr"].get<double>(), outcome.summary["identityPsnr"].get<double>() + 3.0);
  EXPECT_NEAR(outcome.summary["untrainedPsnr"].get<double>(), outcome.summary["identityPsnr"].get<double>(), 1e-9);
  EXPECT_EQ(m.info.grade["base"], "source");
  // On the graded colour instead, the untrained network is the grade.
  const auto onGrade = workflow::runTraining(request(dir, true, "graded"), nullptr, {});
  EXPECT_EQ(readModelInfo(onGrade.modelPath).grade["base"], "graded");
  EXPECT_NEAR(onGrade.summary["untrainedPsnr"].get<double>(), onGrade.summary["gradePsnr"].get<double>(), 1e-6);

  // Off: the network learns from the source's own colour, and the file holds no grade.
  const auto plain = workflow::runTraining(request(dir, false), nullptr, {});
  const ModelInfo info = readModelInfo(plain.modelPath);
  EXPECT_FALSE(info.graded());
  EXPECT_EQ(info.formatVersion, 1);
  EXPECT_LT(plain.summary["gradePsnr"].get<double>(), 0);
}
