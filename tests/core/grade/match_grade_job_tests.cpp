#include <gtest/gtest.h>

#include <filesystem>

#include "core/exec/errors.h"
#include "core/grade/cube_file.h"
#include "core/grade/match_grade_job.h"
#include "core/io/image_writer.h"
#include "core/io/provenance.h"
#include "tests/core/grade/grade_test_images.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::grade;

namespace {

// Writes source frames 101-106 and their restored (aligned target) versions as EXR.
void writeShot(const test::TempDir& dir) {
  for (int f = 101; f <= 106; ++f) {
    const Image src = test::makeColourField(96, 64, static_cast<unsigned>(f));
    WriteOptions exr;
    exr.exrDataType = "float";
    writeImageAtomic(dir.file("src.0" + std::to_string(f) + ".exr"), src, exr);
    writeImageAtomic(dir.file("ref.0" + std::to_string(f) + ".exr"), test::applyRestore(src), exr);
  }
}

// A request grading the shot of writeShot into `output` (a pattern in `dir`).
MatchGradeRequest shotRequest(const test::TempDir& dir, const std::vector<int>& trainingFrames,
                              const std::string& output = "graded.####.exr") {
  MatchGradeRequest req;
  req.input = dir.file("src.####.exr");
  req.target = dir.file("ref.####.exr");
  req.trainingFrames = trainingFrames;
  req.output = dir.file(output);
  return req;
}

}  // namespace

TEST(MatchGradeJob, GradesEveryFrameWithProvenanceAndExportsTheCube) {
  test::TempDir dir("grade");
  writeShot(dir);
  MatchGradeRequest req = shotRequest(dir, {101, 103, 105}, "out/graded.####.exr");
  req.cubePath = dir.file("grade.cube");
  req.fit.size = 17;
  const MatchGradeResult result = runMatchGrade(req);
  EXPECT_EQ(result.written, (std::vector<int>{101, 102, 103, 104, 105, 106}));
  EXPECT_TRUE(result.failures.empty());
  for (int f : {102, 104, 106}) {  // held-out frames
    const Image out = readImageFile(dir.file("out/graded.0" + std::to_string(f) + ".exr"));
    const Image truth = readImageFile(dir.file("ref.0" + std::to_string(f) + ".exr"));
    EXPECT_GT(test::psnrOf(out, truth), 40.0) << "frame " << f;
    const auto prov = provenanceOf(out.attributes);
    EXPECT_EQ(prov.at("recovery"), "match-grade");
    EXPECT_EQ(prov.at("trainingFrames"), "101-105x2");
    EXPECT_EQ(prov.at("sourceFrame"), std::to_string(f));
  }
  const Lut3D cube = readCube(req.cubePath);
  EXPECT_EQ(cube.size, 17);

  // Resume: existing frames are kept.
  req.skipExisting = true;
  req.renderFrames = {104, 106};
  const MatchGradeResult again = runMatchGrade(req);
  EXPECT_TRUE(again.written.empty());
  EXPECT_EQ(again.skipped, (std::vector<int>{104, 106}));
}

TEST(MatchGradeJob, MissingTrainingFrameIsAnInputErrorNamingIt) {
  test::TempDir dir("grade");
  writeShot(dir);
  MatchGradeRequest req = shotRequest(dir, {101, 150});
  try {
    runMatchGrade(req);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("150"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("graded.0101.exr"))) << "nothing written before the inputs are checked";
}

// recover's baseline and grade-first fit through fitMatchGrade, which decimates each pair to
// its share of the sample budget. Frames within that share must be fitted whole, exactly as
// fitLut fits the full pairs, so the baseline figures of small material do not move.
TEST(MatchGradeJob, FramesWithinTheSampleBudgetAreFittedWhole) {
  test::TempDir dir("grade");
  writeShot(dir);
  const std::vector<int> frames{101, 103, 105};
  LutFitOptions options;
  options.size = 17;
  options.crop = Rect{4, 2, 90, 60};
  options.threads = 2;
  const MatchGradeFit fitted = fitMatchGrade(dir.file("src.####.exr"), dir.file("ref.####.exr"), frames, options);

  std::vector<Image> sources, targets;
  for (int f : frames) {
    sources.push_back(readImageFile(dir.file("src.0" + std::to_string(f) + ".exr")));
    targets.push_back(readImageFile(dir.file("ref.0" + std::to_string(f) + ".exr")));
  }
  std::vector<LutTrainingPair> pairs;
  for (size_t i = 0; i < sources.size(); ++i) pairs.push_back({&sources[i], &targets[i]});
  LutFitReport report;
  const Lut3D whole = fitLut(pairs, options, &report);
  EXPECT_EQ(fitted.report.samples, report.samples);
  EXPECT_EQ(fitted.report.samples, size_t{86 * 58 * 3});
  ASSERT_EQ(fitted.lut.table.size(), whole.table.size());
  for (size_t i = 0; i < whole.table.size(); ++i) ASSERT_NEAR(fitted.lut.table[i], whole.table[i], 1e-6f) << i;
}

// A resumed grade (recover's, or grade --skip-existing) fits again and must get the LUT its
// finished frames got: the fit is deterministic, whatever the thread count.
TEST(MatchGradeJob, AResumedRunFitsTheSameLutAsTheRunItResumes) {
  test::TempDir dir("grade");
  writeShot(dir);
  MatchGradeRequest req = shotRequest(dir, {101, 103, 105});
  req.fit.threads = 1;
  req.renderFrames = {102, 104};
  const MatchGradeResult first = runMatchGrade(req);
  ASSERT_EQ(first.written, (std::vector<int>{102, 104}));

  req.fit.threads = 3;
  req.skipExisting = true;
  req.renderFrames = {102, 104, 106};
  const MatchGradeResult resumed = runMatchGrade(req);
  EXPECT_EQ(resumed.skipped, (std::vector<int>{102, 104}));
  EXPECT_EQ(resumed.written, (std::vector<int>{106}));
  ASSERT_EQ(resumed.lut.table.size(), first.lut.table.size());
  for (size_t i = 0; i < first.lut.table.size(); ++i) ASSERT_EQ(resumed.lut.table[i], first.lut.table[i]) << i;
  const Image out = readImageFile(dir.file("graded.0106.exr"));
  const Image expected = applyLut(first.lut, readImageFile(dir.file("src.0106.exr")));
  EXPECT_GT(test::psnrOf(out, expected), 60.0);
}

// A frame that cannot be read is named as data (recover and grade --project record it in the
// catalog), never graded, and the frames after it still are.
TEST(MatchGradeJob, AnUnreadableFrameIsNamedAndTheOthersAreGraded) {
  test::TempDir dir("grade");
  writeShot(dir);
  const std::string damaged = dir.file("src.0104.exr");
  std::filesystem::resize_file(damaged, std::filesystem::file_size(damaged) / 3);
  MatchGradeRequest req = shotRequest(dir, {101, 103, 105});
  req.fit.size = 9;
  const MatchGradeResult result = runMatchGrade(req);
  EXPECT_EQ(result.written, (std::vector<int>{101, 102, 103, 105, 106}));
  ASSERT_EQ(result.unreadable.size(), 1u);
  EXPECT_EQ(result.unreadable[0].frame, 104);
  EXPECT_EQ(result.unreadable[0].path, damaged);
  ASSERT_EQ(result.failures.size(), 1u);
  EXPECT_NE(result.failures[0].find("src.0104.exr"), std::string::npos) << result.failures[0];
  EXPECT_EQ(result.failures[0].rfind("frame 104: frame 104", 0), std::string::npos) << "named once: " << result.failures[0];
  EXPECT_FALSE(std::filesystem::exists(dir.file("graded.0104.exr")));
}

// A gap in the source, or a frame asked for that is not there, is named as missing (as render
// names it) and the frames around it are graded.
TEST(MatchGradeJob, AMissingFrameIsNamedAsMissingAndTheOthersAreGraded) {
  test::TempDir dir("grade");
  writeShot(dir);
  std::filesystem::remove(dir.file("src.0104.exr"));
  MatchGradeRequest req = shotRequest(dir, {101, 103, 105});
  req.fit.size = 9;
  const MatchGradeResult result = runMatchGrade(req);
  EXPECT_EQ(result.written, (std::vector<int>{101, 102, 103, 105, 106}));
  ASSERT_EQ(result.unreadable.size(), 1u);
  EXPECT_EQ(result.unreadable[0].frame, 104);
  EXPECT_EQ(result.unreadable[0].kind, "missing");
  ASSERT_EQ(result.failures.size(), 1u);
  EXPECT_NE(result.failures[0].find("104"), std::string::npos) << result.failures[0];
  // Asked for by number: the same.
  for (int f : {101, 102, 103, 105, 106}) std::filesystem::remove(dir.file("graded.0" + std::to_string(f) + ".exr"));
  req.renderFrames = {103, 104, 105, 107};
  const MatchGradeResult asked = runMatchGrade(req);
  EXPECT_EQ(asked.written, (std::vector<int>{103, 105}));
  ASSERT_EQ(asked.unreadable.size(), 2u);
  EXPECT_EQ(asked.unreadable[0].frame, 104);
  EXPECT_EQ(asked.unreadable[1].frame, 107);
  req.renderFrames = {200, 201};
  EXPECT_THROW(runMatchGrade(req), InputError);
}

// grade passes over a frame it cannot write and exits 2; recover (stopOnWriteError) stops at
// it, so its stage stays unfinished and the rerun resumes there.
TEST(MatchGradeJob, AFrameThatCannotBeWrittenStopsTheRunOnlyWhenAsked) {
  test::TempDir dir("grade");
  writeShot(dir);
  std::filesystem::create_directories(dir.file("graded.0103.exr"));  // a folder where the frame goes
  MatchGradeRequest req = shotRequest(dir, {101, 105});
  req.fit.size = 9;
  const MatchGradeResult goesOn = runMatchGrade(req);
  EXPECT_EQ(goesOn.written, (std::vector<int>{101, 102, 104, 105, 106}));
  ASSERT_EQ(goesOn.failures.size(), 1u);
  EXPECT_NE(goesOn.failures[0].find("graded.0103.exr"), std::string::npos) << goesOn.failures[0];
  EXPECT_TRUE(goesOn.unreadable.empty()) << "a write failure is not a defect of the source";

  for (int f : {101, 102, 104, 105, 106}) std::filesystem::remove(dir.file("graded.0" + std::to_string(f) + ".exr"));
  req.stopOnWriteError = true;
  EXPECT_THROW(runMatchGrade(req), RunError);
  EXPECT_TRUE(std::filesystem::exists(dir.file("graded.0102.exr")));
  EXPECT_FALSE(std::filesystem::exists(dir.file("graded.0104.exr"))) << "nothing after the frame that failed";
}
