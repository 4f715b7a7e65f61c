#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/exec/errors.h"
#include "core/exec/xml_escape.h"
#include "core/farm/farm_job.h"
#include "core/farm/shell_quote.h"
#include "core/farm/submitter.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::farm;
namespace fs = std::filesystem;

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void writeExecutable(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
  fs::permissions(path, fs::perms::owner_all);
}

FarmJobOptions optionsIn(const test::TempDir& dir) {
  std::ofstream(dir.file("model.frm")) << "model";
  FarmJobOptions o;
  o.model = dir.file("model.frm");
  o.input = dir.file("plate.####.exr");
  o.output = dir.file("out dir/restored.####.exr");  // a space must survive quoting
  o.jobDir = dir.file("job");
  o.cliPath = dir.file("fake-cli");
  return o;
}

}  // namespace

TEST(FarmChunks, SplitsIntoRunsThatNeverCrossAGap) {
  const auto chunks = chunkFrames({1, 2, 3, 4, 5, 9, 10, 11, 20}, 2);
  const std::vector<std::vector<int>> expected = {{1, 2}, {3, 4}, {5}, {9, 10}, {11}, {20}};
  EXPECT_EQ(chunks, expected);
}

TEST(FarmChunks, CoversEveryFrameExactlyOnce) {
  std::vector<int> frames;
  for (int f = 1001; f <= 1100; f += 1) frames.push_back(f);
  const auto chunks = chunkFrames(frames, 7);
  std::vector<int> joined;
  for (const auto& c : chunks) {
    EXPECT_LE(c.size(), 7u);
    joined.insert(joined.end(), c.begin(), c.end());
  }
  EXPECT_EQ(joined, frames);
  EXPECT_EQ(chunks.size(), 15u);  // ceil(100 / 7)
}

TEST(ShellQuote, QuotesWhatTheShellWouldSplitOrExpand) {
  EXPECT_EQ(shellQuote("plain/path.exr"), "plain/path.exr");
  EXPECT_EQ(shellQuote("a b"), "'a b'");
  EXPECT_EQ(shellQuote("it's $HOME"), "'it'\\''s $HOME'");
  EXPECT_EQ(escapeXml("a<b & \"c\" 'd'"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;");
}

TEST(SlurmJob, EachArrayTaskRendersItsChunkWithSkipExisting) {
  test::TempDir dir("farm");
  auto o = optionsIn(dir);
  o.frames = {1001, 1002, 1003, 1004, 1005, 1010};
  o.chunkSize = 2;
  // A stand-in for filmrecover-cli that records the arguments it was given.
  writeExecutable(o.cliPath, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > \"$FARM_TEST_LOG\"\n");
  const FarmJob job = prepareFarmJob(o);
  ASSERT_EQ(job.chunks.size(), 4u);
  const std::string script = readFile(job.scriptPath);
  EXPECT_NE(script.find("#SBATCH --array=0-3"), std::string::npos) << script;
  EXPECT_TRUE(fs::exists(job.chunksPath));

  // Run task 2 the way Slurm would and check which frames it asked the CLI for.
  const std::string log = dir.file("args.log");
  const std::string cmd = "SLURM_ARRAY_TASK_ID=2 FARM_TEST_LOG=" + log + " bash " + job.scriptPath +
                          " > " + dir.file("task.out") + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << readFile(dir.file("task.out"));
  const std::string args = readFile(log);
  EXPECT_NE(args.find("render\n"), std::string::npos);
  EXPECT_NE(args.find("--skip-existing\n--frames\n1005\n"), std::string::npos) << args;
  EXPECT_NE(args.find(o.output + "\n"), std::string::npos) << "quoted output path lost: " << args;
}

TEST(OpenCueJob, OneLayerPerContiguousRunWithChunkTokens) {
  test::TempDir dir("farm");
  auto o = optionsIn(dir);
  o.engine = FarmEngine::OpenCue;
  o.frames = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50, 51};
  o.chunkSize = 4;
  const FarmJob job = prepareFarmJob(o);
  const std::string spec = readFile(job.scriptPath);
  EXPECT_NE(spec.find("<range>1-10</range>"), std::string::npos) << spec;
  EXPECT_NE(spec.find("<range>50-51</range>"), std::string::npos) << spec;
  EXPECT_NE(spec.find("<chunk>4</chunk>"), std::string::npos);
  EXPECT_NE(spec.find("--frames #FRAME_START#-#FRAME_END#"), std::string::npos);
  EXPECT_NE(spec.find("&#39;"), std::string::npos) << "the spaced output path is quoted";
}

TEST(FarmJob, MissingModelIsNamed) {
  test::TempDir dir("farm");
  auto o = optionsIn(dir);
  o.model = dir.file("nope.frm");
  o.frames = {1};
  try {
    prepareFarmJob(o);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("nope.frm"), std::string::npos);
  }
}

TEST(FarmSubmit, ParsesTheJobIdSbatchPrints) {
  test::TempDir dir("farm");
  auto o = optionsIn(dir);
  o.frames = {1, 2, 3};
  FarmJob job = prepareFarmJob(o);
  const std::string fakeSbatch = dir.file("sbatch");
  writeExecutable(fakeSbatch, "#!/bin/sh\necho \"4242;cluster\"\n");
  job.submitCommand = {fakeSbatch, "--parsable", job.scriptPath};
  EXPECT_EQ(submitFarmJob(job).jobId, "4242");
}

TEST(FarmSubmit, RefusalCarriesTheSchedulersMessage) {
  test::TempDir dir("farm");
  auto o = optionsIn(dir);
  o.frames = {1};
  FarmJob job = prepareFarmJob(o);
  const std::string fakeSbatch = dir.file("sbatch");
  writeExecutable(fakeSbatch, "#!/bin/sh\necho 'sbatch: error: invalid partition' >&2\nexit 1\n");
  job.submitCommand = {fakeSbatch, job.scriptPath};
  try {
    submitFarmJob(job);
    FAIL() << "expected RunError";
  } catch (const RunError& e) {
    EXPECT_NE(std::string(e.what()).find("invalid partition"), std::string::npos) << e.what();
  }
}

TEST(FarmSubmit, MissingSchedulerClientIsAnInputErrorNamingTheScript) {
  test::TempDir dir("farm");
  auto o = optionsIn(dir);
  o.frames = {1};
  FarmJob job = prepareFarmJob(o);
  job.submitCommand = {"surely-no-such-sbatch-here", job.scriptPath};
  try {
    submitFarmJob(job);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(job.scriptPath), std::string::npos) << e.what();
  }
}
