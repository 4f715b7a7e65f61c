#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/support/test_support.h"

using filmrecover::test::runCli;
using filmrecover::test::TempDir;

TEST(SubmitCli, DryRunWritesTheJobAndReportsItsChunks) {
  TempDir dir("submit");
  std::ofstream(dir.file("film.frm")) << "model";
  auto r = runCli({"submit", "--engine", "slurm", "--model", dir.file("film.frm"), "--input",
                   dir.file("plate.####.exr"), "-o", dir.file("out/restored.####.exr"), "--frames",
                   "1001-1025", "--chunk", "10", "--job-dir", dir.file("job"), "--dry-run", "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_FALSE(doc["submitted"].get<bool>());
  ASSERT_EQ(doc["chunks"].size(), 3u);
  EXPECT_EQ(doc["chunks"][2]["frames"], "1021-1025");
  EXPECT_TRUE(std::filesystem::exists(doc["script"].get<std::string>()));
}

TEST(SubmitCli, UnknownEngineNamesTheFlag) {
  TempDir dir("submit");
  std::ofstream(dir.file("film.frm")) << "model";
  auto r = runCli({"submit", "--engine", "condor", "--model", dir.file("film.frm"), "--input",
                   dir.file("plate.####.exr"), "-o", dir.file("o.####.exr"), "--frames", "1-2",
                   "--dry-run"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("--engine"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("condor"), std::string::npos) << r.err;
}
