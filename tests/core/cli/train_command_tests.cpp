#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/io/image_writer.h"
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
