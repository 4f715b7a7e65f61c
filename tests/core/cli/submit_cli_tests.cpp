#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

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

TEST(SubmitCli, StabilisedChunksPassTheFilterAndTheCutsToEveryTask) {
  // Each task's render stabilises within the film's shots (its chunk inferring the frames
  // around it as context: tests/core/infer, ChunkedAndResumedRenders...).
  TempDir dir("submit");
  std::ofstream(dir.file("film.frm")) << "model";
  const std::vector<std::string> base = {"submit", "--engine", "slurm", "--model", dir.file("film.frm"), "--input",
                                         dir.file("plate.####.exr"), "-o", dir.file("out/restored.####.exr"),
                                         "--frames", "1-30", "--chunk", "10", "--dry-run", "--json"};
  auto args = base;
  args.insert(args.end(), {"--job-dir", dir.file("job"), "--stabilise", "--cuts", "17,9", "--chroma-guide-radius", "2"});
  auto r = runCli(args);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::ifstream script(nlohmann::json::parse(r.out)["script"].get<std::string>());
  const std::string text((std::istreambuf_iterator<char>(script)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("--stabilise --cuts 9,17 --chroma-guide-radius 2"), std::string::npos) << text;
  // --cuts without --stabilise, and a radius out of range, are refused naming the flag.
  args = base;
  args.insert(args.end(), {"--job-dir", dir.file("job2"), "--cuts", "17"});
  r = runCli(args);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("--stabilise"), std::string::npos) << r.err;
  args = base;
  args.insert(args.end(), {"--job-dir", dir.file("job3"), "--chroma-guide-radius", "12"});
  r = runCli(args);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("--chroma-guide-radius"), std::string::npos) << r.err;
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

namespace {

void writeExecutable(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
}

// PATH with a folder of stand-in Slurm clients first, for one test.
struct FakeSlurmOnPath {
  std::string oldPath;
  explicit FakeSlurmOnPath(const std::string& bin) {
    oldPath = std::getenv("PATH") ? std::getenv("PATH") : "";
    setenv("PATH", (bin + ":" + oldPath).c_str(), 1);
  }
  ~FakeSlurmOnPath() { setenv("PATH", oldPath.c_str(), 1); }
};

}  // namespace

// The status and resubmit flow against stand-in clients that answer the way Slurm 22.05's
// do (without accounting); tests/core/farm/real_slurm_tests.cpp does it on a real one.
TEST(SubmitCli, StatusFindsTheCancelledChunkAndResubmitRunsItAlone) {
  TempDir dir("submit");
  const std::string bin = dir.file("bin");
  std::filesystem::create_directories(bin);
  writeExecutable(bin + "/sbatch",
                  "#!/bin/sh\necho \"$@\" >> " + dir.file("sbatch.log") +
                      "\nn=$(cat " + dir.file("n") + " 2>/dev/null || echo 555)\necho $((n + 1)) > " +
                      dir.file("n") + "\necho \"$n;cluster\"\n");
  writeExecutable(bin + "/squeue",
                  "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --jobs=*) id=\"${a#--jobs=}\";; esac; done\n"
                  "case \"$id\" in 555) printf '555|0|COMPLETED\\n555|1|CANCELLED\\n';;\n"
                  "556) printf '556|1|PENDING\\n';;\n"
                  "*) echo 'slurm_load_jobs error: Invalid job id specified' >&2; exit 1;; esac\n");
  writeExecutable(bin + "/sacct", "#!/bin/sh\necho 'Slurm accounting storage is disabled' >&2\nexit 1\n");
  FakeSlurmOnPath path(bin);
  std::ofstream(dir.file("film.frm")) << "model";
  const std::string job = dir.file("job");
  auto r = runCli({"submit", "--engine", "slurm", "--model", dir.file("film.frm"), "--input",
                   dir.file("plate.####.exr"), "-o", dir.file("out/r.####.exr"), "--frames", "1-4", "--chunk", "2",
                   "--job-dir", job, "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["job_id"], "555");
  // Task 1 was cancelled after its first frame.
  std::filesystem::create_directories(dir.file("out"));
  for (const char* f : {"r.0001.exr", "r.0002.exr", "r.0003.exr"}) std::ofstream(dir.file("out/") + f) << "x";

  r = runCli({"submit", "--status", job, "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["failed_tasks"], nlohmann::json::array({1}));
  EXPECT_EQ(doc["chunks"][1]["scheduler_state"], "CANCELLED");
  EXPECT_EQ(doc["chunks"][1]["missing"], "4");
  EXPECT_EQ(doc["chunks"][0]["state"], "done");
  EXPECT_NE(doc["accounting"].get<std::string>().find("accounting storage is disabled"), std::string::npos);

  r = runCli({"submit", "--resubmit", job, "--time", "01:00:00", "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["resubmit"]["job_id"], "556");
  EXPECT_EQ(doc["resubmit"]["tasks"], nlohmann::json::array({1}));
  std::ifstream log(dir.file("sbatch.log"));
  std::string first, second;
  std::getline(log, first);
  std::getline(log, second);
  EXPECT_EQ(second, "--parsable --array=1 --time=01:00:00 " + job + "/filmrecover-render.sbatch");

  // The resubmitted task is pending now; the human table says so.
  r = runCli({"submit", "--status", job, "-v"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("1 pending or running, 0 failed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("556"), std::string::npos) << r.out;
  // Nothing failed now: a resubmit submits nothing.
  r = runCli({"submit", "--resubmit", job, "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_FALSE(nlohmann::json::parse(r.out)["resubmitted"].get<bool>());
  std::ifstream again(dir.file("sbatch.log"));
  int lines = 0;
  for (std::string l; std::getline(again, l);) ++lines;
  EXPECT_EQ(lines, 2);

  // A controller that does not answer is a failure to report (2), never failed chunks.
  writeExecutable(bin + "/squeue",
                  "#!/bin/sh\necho 'slurm_load_jobs error: Unable to contact slurm controller (connect failure)' "
                  ">&2\nexit 1\n");
  r = runCli({"submit", "--resubmit", job, "--json"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("Unable to contact slurm controller"), std::string::npos) << r.err;
  std::ifstream unchanged(dir.file("sbatch.log"));
  lines = 0;
  for (std::string l; std::getline(unchanged, l);) ++lines;
  EXPECT_EQ(lines, 2) << "nothing may be resubmitted when Slurm cannot say what failed";
}

TEST(SubmitCli, StatusAndNewJobFlagsDoNotMix) {
  TempDir dir("submit");
  auto r = runCli({"submit", "--status", dir.path().string(), "--model", "m.frm"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("--model"), std::string::npos) << r.err;
  r = runCli({"submit", "--status", dir.path().string()});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("chunks.json"), std::string::npos) << r.err;
  r = runCli({"submit", "--model", "m.frm", "--input", "a.####.exr", "-o", "b.####.exr"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("--engine"), std::string::npos) << r.err;
  r = runCli({"submit", "--help"});
  EXPECT_NE(r.out.find("--status"), std::string::npos);
  EXPECT_NE(r.out.find("--resubmit"), std::string::npos);
}
