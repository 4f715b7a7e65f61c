#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/color/ycbcr.h"
#include "core/io/image_writer.h"
#include "core/model/model_info.h"
#include "tests/core/train/synthetic_pairs.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using test::runCli;

namespace {

// src.000N.exr and its known colour transform ref.000N.exr for frames 1..n.
void writePairs(const test::TempDir& dir, int n, int w = 72, int h = 56) {
  WriteOptions o;
  o.exrDataType = "float";
  for (int f = 1; f <= n; ++f) {
    char s[32], r[32];
    std::snprintf(s, sizeof s, "src.%04d.exr", f);
    std::snprintf(r, sizeof r, "ref.%04d.exr", f);
    const Image src = test::syntheticFrame(f, w, h);
    writeImageAtomic(dir.file(s), src, o);
    writeImageAtomic(dir.file(r), test::knownColourTransform(src), o);
  }
}

std::vector<std::string> trainArgs(const test::TempDir& dir, const std::string& steps) {
  return {"train", "--mode", "chroma", "--input", dir.file("src.####.exr"), "--target",
          dir.file("ref.####.exr"), "--frames", "1-3", "--holdout", "4", "-o", dir.file("m.frm"),
          "--size", "S", "--steps", steps, "--crop", "32", "--batch", "2", "--threads", "1",
          "--validate-every", "10", "--checkpoint-every", "10", "--preview-every", "0", "--json"};
}

}  // namespace

TEST(TrainCommand, TrainsWritesTheModelFilesAndResumes) {
  test::TempDir dir("cli-train");
  writePairs(dir, 4);
  auto r = runCli(trainArgs(dir, "20"));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["steps"], 20);
  EXPECT_GT(j["holdoutPsnr"].get<double>(), 0);
  for (const char* f : {"m.frm", "m.ckpt.frm", "m.best.frm", "m.metrics.jsonl"})
    EXPECT_TRUE(std::filesystem::exists(dir.file(f))) << f;
  auto args = trainArgs(dir, "30");
  args.push_back("--resume");
  r = runCli(args);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto k = nlohmann::json::parse(r.out);
  EXPECT_EQ(k["startStep"], 20);
  EXPECT_EQ(k["steps"], 30);
}

TEST(TrainCommand, ReadsADatasetFileWithItsCrop) {
  test::TempDir dir("cli-train");
  writePairs(dir, 4);
  std::ofstream(dir.file("dataset.json"))
      << R"({"train":[1,2],"holdout":[4],"rejected":[3],"crop":{"x0":4,"y0":4,"x1":68,"y1":52}})";
  auto r = runCli({"train", "--mode", "chroma", "--input", dir.file("src.####.exr"), "--target",
                   dir.file("ref.####.exr"), "--dataset", dir.file("dataset.json"), "-o",
                   dir.file("d.frm"), "--size", "S", "--steps", "5", "--crop", "32", "--batch", "1",
                   "--threads", "1", "--preview-every", "0", "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["steps"], 5);
}

TEST(TrainCommand, BadInputNamesTheFlagOrFrame) {
  test::TempDir dir("cli-train");
  writePairs(dir, 2);
  auto args = trainArgs(dir, "5");
  args[2] = "colour";
  auto r = runCli(args);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("--mode"), std::string::npos) << r.err;
  r = runCli(trainArgs(dir, "5"));  // hold-out frame 4 does not exist
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("frame 3"), std::string::npos) << r.err;
  args = trainArgs(dir, "5");
  args.push_back("--resume");
  r = runCli(args);
  EXPECT_EQ(r.exitCode, 1);
}

TEST(TrainCommand, GradesFirstByDefaultRendersWithTheGradeAndNoGradeFirstTurnsItOff) {
  test::TempDir dir("cli-train");
  writePairs(dir, 4);
  // On the graded colour, so that a network of 5 steps is still about the grade.
  auto gradedArgs = trainArgs(dir, "5");
  gradedArgs.insert(gradedArgs.end(), {"--grade-base", "graded"});
  auto r = runCli(gradedArgs);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["settings"]["gradeFirst"].get<bool>());
  EXPECT_EQ(j["settings"]["gradeBase"], "graded");
  EXPECT_GT(j["gradePsnr"].get<double>(), j["identityPsnr"].get<double>());
  const ModelInfo graded = readModelInfo(dir.file("m.frm"));
  ASSERT_TRUE(graded.graded());
  EXPECT_EQ(graded.grade["fit"]["frames"], "1-3");
  // render applies the model's grade before its network: the output keeps the source's luma
  // and carries the grade in its provenance.
  r = runCli({"render", "--model", dir.file("m.frm"), "--input", dir.file("src.####.exr"), "-o",
              dir.file("out.####.exr"), "--frames", "4", "--threads", "1"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const Image src = readImageFile(dir.file("src.0004.exr")), out = readImageFile(dir.file("out.0004.exr"));
  double lumaError = 0, chromaChange = 0;
  for (size_t p = 0; p < src.pixelCount(); ++p) {
    float y1, cb1, cr1, y2, cb2, cr2;
    rgbToYCbCr(src.pixels[3 * p], src.pixels[3 * p + 1], src.pixels[3 * p + 2], y1, cb1, cr1);
    rgbToYCbCr(out.pixels[3 * p], out.pixels[3 * p + 1], out.pixels[3 * p + 2], y2, cb2, cr2);
    lumaError = std::max<double>(lumaError, std::abs(y1 - y2));
    chromaChange = std::max<double>(chromaChange, std::abs(cb1 - cb2) + std::abs(cr1 - cr2));
  }
  EXPECT_LT(lumaError, 2e-3);  // half-float storage
  EXPECT_GT(chromaChange, 0.05);
  EXPECT_NE(out.attributes.at("filmrecover:modelGrade").find("3D LUT"), std::string::npos);

  // By default the grade is an input and the correction goes onto the source's colour.
  auto args = trainArgs(dir, "5");
  *(std::find(args.begin(), args.end(), "-o") + 1) = dir.file("s.frm");
  r = runCli(args);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["settings"]["gradeBase"], "source");
  EXPECT_EQ(readModelInfo(dir.file("s.frm")).grade["base"], "source");
  *(std::find(args.begin(), args.end(), "-o") + 1) = dir.file("p.frm");
  args.push_back("--no-grade-first");
  r = runCli(args);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_FALSE(nlohmann::json::parse(r.out)["settings"]["gradeFirst"].get<bool>());
  EXPECT_FALSE(readModelInfo(dir.file("p.frm")).graded());
}
