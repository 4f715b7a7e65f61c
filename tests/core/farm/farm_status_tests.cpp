// submit --status / --resubmit logic without a scheduler: Slurm's answers are given as
// the clients print them, the frames on disk are files in a scratch folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/exec/errors.h"
#include "core/farm/chunk_status.h"
#include "core/farm/farm_job.h"
#include "core/farm/job_folder.h"
#include "core/farm/resubmit.h"
#include "core/farm/slurm_query.h"
#include "core/io/frame_set.h"
#include "core/io/output_pattern.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::farm;
namespace fs = std::filesystem;

namespace {

// A prepared 4-chunk job (frames 1-10, chunks of 3) in `dir`.
FarmJob prepared(const test::TempDir& dir) {
  std::ofstream(dir.file("model.frm")) << "model";
  FarmJobOptions o;
  o.model = dir.file("model.frm");
  o.input = dir.file("plate.####.exr");
  o.output = dir.file("out/r.####.exr");
  o.jobDir = dir.file("job");
  o.jobName = "reel1";
  o.cliPath = dir.file("fake-cli");
  for (int f = 1; f <= 10; ++f) o.frames.push_back(f);
  o.chunkSize = 3;
  return prepareFarmJob(o);
}

void touchFrames(const std::string& pattern, const std::vector<int>& frames) {
  const OutputPattern p(pattern);
  fs::create_directories(fs::path(p.pathFor(frames.front())).parent_path());
  for (int f : frames) std::ofstream(p.pathFor(f)) << "frame";
}

Submission submission(const std::string& id, std::vector<int> tasks) {
  Submission s;
  s.jobId = id;
  s.tasks = std::move(tasks);
  s.submittedAt = utcTimestamp();
  s.command = {"sbatch", "--parsable", "x.sbatch"};
  return s;
}

}  // namespace

TEST(SlurmQueryParsing, SqueueLinesGiveEachArrayTaskItsState) {
  const std::string out = "42|0|COMPLETED\n42|3|CANCELLED\n42|1|RUNNING\n43|0|PENDING\n42|N/A|PENDING\n";
  const auto tasks = parseSqueueTasks(out, "42");
  ASSERT_EQ(tasks.size(), 3u);
  EXPECT_EQ(tasks.at(0).state, "COMPLETED");
  EXPECT_EQ(tasks.at(1).state, "RUNNING");
  EXPECT_EQ(tasks.at(3).state, "CANCELLED");
  EXPECT_EQ(tasks.at(3).source, "squeue");
}

TEST(SlurmQueryParsing, SacctLinesWithReasonsRangesAndThrottles) {
  const std::string out =
      "42_3|CANCELLED by 0|0:15\n42_0|COMPLETED|0:0\n42_[5-7,9%2]|PENDING|0:0\n420_1|FAILED|1:0\n42|COMPLETED|0:0\n";
  const auto tasks = parseSacctTasks(out, "42");
  ASSERT_EQ(tasks.size(), 6u);
  EXPECT_EQ(tasks.at(3).state, "CANCELLED");
  EXPECT_EQ(tasks.at(3).exitCode, "0:15");
  EXPECT_EQ(tasks.at(0).state, "COMPLETED");
  for (int t : {5, 6, 7, 9}) EXPECT_EQ(tasks.at(t).state, "PENDING") << t;
  EXPECT_EQ(tasks.count(1), 0u) << "job 420 is not job 42";
}

TEST(SlurmArraySpec, RunsAndSinglesInSlurmSyntax) {
  EXPECT_EQ(slurmArraySpec({7, 3, 4, 5, 0}), "0,3-5,7");
  EXPECT_EQ(slurmArraySpec({2}), "2");
  EXPECT_EQ(slurmArraySpec({1, 3, 5}), "1,3,5") << "no oiiotool x-step: Slurm would read it differently";
}

TEST(ChunkVerdict, ActiveEndedAndUnknownTasks) {
  const std::vector<int> frames = {1, 2, 3};
  // Running with frames missing: active, not failed.
  EXPECT_EQ(judgeSlurmChunk(0, frames, {3}, "42", SlurmTaskState{"RUNNING", "", "squeue"}, "l").verdict,
            ChunkVerdict::Active);
  // Cancelled mid-chunk: failed, the sentence names the state, the missing frames and the log.
  const auto killed = judgeSlurmChunk(1, frames, {2, 3}, "42", SlurmTaskState{"CANCELLED", "0:15", "sacct"}, "t.log");
  EXPECT_EQ(killed.verdict, ChunkVerdict::Failed);
  EXPECT_NE(killed.why.find("CANCELLED"), std::string::npos) << killed.why;
  EXPECT_NE(killed.why.find("2-3"), std::string::npos) << killed.why;
  EXPECT_NE(killed.why.find("t.log"), std::string::npos) << killed.why;
  // Completed but a frame is gone: failed all the same.
  EXPECT_EQ(judgeSlurmChunk(2, frames, {1}, "42", SlurmTaskState{"COMPLETED", "", "squeue"}, "l").verdict,
            ChunkVerdict::Failed);
  // Timed out after the last frame was written: the frames are whole, nothing to rerun.
  const auto late = judgeSlurmChunk(3, frames, {}, "42", SlurmTaskState{"TIMEOUT", "0:0", "sacct"}, "l");
  EXPECT_EQ(late.verdict, ChunkVerdict::Done);
  EXPECT_NE(late.why.find("TIMEOUT"), std::string::npos);
  // Slurm forgot the task and frames are missing: failed; never submitted: not failed.
  EXPECT_EQ(judgeSlurmChunk(4, frames, {1, 2, 3}, "42", std::nullopt, "l").verdict, ChunkVerdict::Failed);
  EXPECT_EQ(judgeSlurmChunk(5, frames, {1}, "", std::nullopt, "").verdict, ChunkVerdict::NotSubmitted);
}

TEST(FarmJobStatus, EachChunkIsJudgedByTheLatestSubmissionThatRanIt) {
  test::TempDir dir("farm-status");
  const FarmJob job = prepared(dir);
  ASSERT_EQ(job.chunks.size(), 4u);  // 1-3, 4-6, 7-9, 10
  recordSubmission(job.options.jobDir, submission("100", {0, 1, 2, 3}));
  recordSubmission(job.options.jobDir, submission("101", {2}));
  touchFrames(job.options.output, {1, 2, 3, 4, 7, 10});
  const JobFolder folder = openJobFolder(job.options.jobDir);
  ASSERT_EQ(folder.submissions.size(), 2u);
  std::map<std::string, SlurmTaskStates> states;
  states["100"] = {{0, {"COMPLETED", "", "squeue"}}, {1, {"CANCELLED", "", "squeue"}},
                   {2, {"FAILED", "1:0", "sacct"}}, {3, {"COMPLETED", "", "squeue"}}};
  states["101"] = {{2, {"RUNNING", "", "squeue"}}};
  const FarmJobStatus status = farmJobStatusFrom(folder, states);
  EXPECT_EQ(status.chunks[0].verdict, ChunkVerdict::Done);
  EXPECT_EQ(status.chunks[1].verdict, ChunkVerdict::Failed);
  EXPECT_EQ(formatFrameSet(status.chunks[1].missing), "5-6");
  EXPECT_EQ(status.chunks[2].verdict, ChunkVerdict::Active) << "task 2 runs again as job 101";
  EXPECT_EQ(status.chunks[2].jobId, "101");
  EXPECT_EQ(status.chunks[3].verdict, ChunkVerdict::Done);
  EXPECT_EQ(status.failedTasks(), std::vector<int>{1});
  EXPECT_EQ(status.chunks[1].logPath, job.options.jobDir + "/logs/reel1-100_1.log");
  const auto doc = farmJobStatusJson(status);
  EXPECT_FALSE(doc["complete"].get<bool>());
  EXPECT_EQ(doc["failed_tasks"], nlohmann::json::array({1}));
  EXPECT_EQ(doc["chunks"][1]["frames_on_disk"], 1);
  const std::string table = farmJobStatusTable(status, false);
  EXPECT_NE(table.find("--resubmit"), std::string::npos) << table;

  const auto command = resubmitCommand(folder, status.failedTasks(), {"--time=08:00:00"});
  const std::vector<std::string> expected = {"sbatch", "--parsable", "--array=1", "--time=08:00:00", job.scriptPath};
  EXPECT_EQ(command, expected);
}

TEST(FarmJobStatus, AJobIdGivenByHandRunsEveryUnrecordedTask) {
  test::TempDir dir("farm-status");
  const FarmJob job = prepared(dir);  // a --dry-run job, submitted with sbatch by hand
  const JobFolder folder = openJobFolder(job.options.jobDir);
  const auto unsubmitted = farmJobStatusFrom(folder, {});
  EXPECT_EQ(unsubmitted.chunks[0].verdict, ChunkVerdict::NotSubmitted);
  EXPECT_NE(farmJobStatusTable(unsubmitted, false).find("--status JOBID --job-dir"), std::string::npos);
  std::map<std::string, SlurmTaskStates> states;
  states["77"] = {{0, {"PENDING", "", "squeue"}}};
  const auto status = farmJobStatusFrom(folder, states, "77");
  EXPECT_EQ(status.chunks[0].verdict, ChunkVerdict::Active);
  EXPECT_EQ(status.chunks[1].verdict, ChunkVerdict::Failed) << "job 77 does not know task 1 and its frames are missing";
}

TEST(JobFolder, DamagedRecordsAreNamed) {
  test::TempDir dir("farm-status");
  const FarmJob job = prepared(dir);
  std::ofstream(submissionsJsonPath(job.options.jobDir)) << R"({"submissions":[{"job_id":"5","tasks":[9]}]})";
  EXPECT_NE(test::inputErrorOf([&] { openJobFolder(job.options.jobDir); }).find("task 9"), std::string::npos);
  std::ofstream(submissionsJsonPath(job.options.jobDir)) << "{not json";
  EXPECT_NE(test::inputErrorOf([&] { openJobFolder(job.options.jobDir); }).find("submissions.json"),
            std::string::npos);
  EXPECT_NE(test::inputErrorOf([&] { openJobFolder(dir.file("nowhere")); }).find("chunks.json"), std::string::npos);
}

TEST(JobFolder, WritingOtherChunksForgetsTheOldSubmissions) {
  test::TempDir dir("farm-status");
  FarmJob job = prepared(dir);
  recordSubmission(job.options.jobDir, submission("100", {0, 1, 2, 3}));
  prepareFarmJob(job.options);  // the same chunks again: the record stays
  EXPECT_EQ(openJobFolder(job.options.jobDir).submissions.size(), 1u);
  auto o = job.options;
  o.chunkSize = 5;
  prepareFarmJob(o);  // other chunks: task numbers of job 100 mean other frames now
  EXPECT_TRUE(openJobFolder(job.options.jobDir).submissions.empty());
}

TEST(FarmJobStatus, OpenCueJobsAreJudgedByTheDisk) {
  test::TempDir dir("farm-status");
  std::ofstream(dir.file("model.frm")) << "model";
  FarmJobOptions o;
  o.engine = FarmEngine::OpenCue;
  o.model = dir.file("model.frm");
  o.input = dir.file("plate.####.exr");
  o.output = dir.file("out/r.####.exr");
  o.jobDir = dir.file("job");
  o.frames = {1, 2, 3, 4};
  o.chunkSize = 2;
  prepareFarmJob(o);
  touchFrames(o.output, {1, 2, 3});
  const auto status = queryFarmJobStatus(openJobFolder(o.jobDir));
  EXPECT_EQ(status.chunks[0].verdict, ChunkVerdict::Done);
  EXPECT_EQ(status.chunks[1].verdict, ChunkVerdict::Incomplete);
  EXPECT_NE(test::inputErrorOf([&] { resubmitFailedChunks(status, {}); }).find("OpenCue"), std::string::npos);
}
