#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/test_support.h"

using filmrecover::test::runCli;

TEST(BenchCommand, TrainPrintsOneJsonLineWithThePeerFields) {
  auto r = runCli({"bench", "train", "--size", "S", "--batch", "1", "--crop", "32", "--steps", "2",
                   "--threads", "1"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["train_steps_per_s"].get<double>(), 0);
  EXPECT_GT(j["train_gflops"].get<double>(), 0);
  EXPECT_EQ(j["width"], 16);
  EXPECT_EQ(j["batch"], 1);
  EXPECT_EQ(j["crop"], 32);
  EXPECT_EQ(j["threads"], 1);
}

TEST(BenchCommand, InferPrintsOneJsonLineWithThePeerFields) {
  auto r = runCli({"bench", "infer", "--size", "S", "--infer-size", "96x64", "--runs", "1",
                   "--threads", "1"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["infer_frames_per_s"].get<double>(), 0);
  EXPECT_GT(j["infer_gflops"].get<double>(), 0);
  EXPECT_EQ(j["infer_size"], "96x64");
}

TEST(BenchCommand, UnknownWhatOrSizeIsBadUsage) {
  EXPECT_EQ(runCli({"bench", "dance"}).exitCode, 1);
  EXPECT_EQ(runCli({"bench", "infer", "--infer-size", "big"}).exitCode, 1);
}
