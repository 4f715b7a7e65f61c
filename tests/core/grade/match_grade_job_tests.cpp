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

}  // namespace

TEST(MatchGradeJob, GradesEveryFrameWithProvenanceAndExportsTheCube) {
  test::TempDir dir("grade");
  writeShot(dir);
  MatchGradeRequest req;
  req.input = dir.file("src.####.exr");
  req.target = dir.file("ref.####.exr");
  req.trainingFrames = {101, 103, 105};
  req.output = dir.file("out/graded.####.exr");
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
  MatchGradeRequest req;
  req.input = dir.file("src.####.exr");
  req.target = dir.file("ref.####.exr");
  req.trainingFrames = {101, 150};
  req.output = dir.file("graded.####.exr");
  try {
    runMatchGrade(req);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("150"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("graded.0101.exr"))) << "nothing written before the inputs are checked";
}
