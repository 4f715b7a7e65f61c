// `submit --engine slurm` on a real Slurm: a single-machine cluster from Debian's packages
// (tests/support/local_slurm_cluster.h) renders a generated sequence in chunks; one task
// is killed mid-chunk; `submit --status` must call that chunk failed and nothing else;
// `submit --resubmit` must run that chunk alone; every frame must then match a local
// render of the same frames. Skipped, with the reason, only where the daemons cannot
// start (not root, packages missing).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/io/image_writer.h"
#include "tests/support/local_slurm_cluster.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using test::runCli;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kFrames = 15, kChunk = 5;
// Big enough that a frame takes a good fraction of a second on one core (0.2 s here), so
// the task is caught with frames still to render; small enough to keep the test short.
constexpr int kWidth = 800, kHeight = 600;

std::string frameName(const std::string& prefix, int f) {
  char s[64];
  std::snprintf(s, sizeof s, "%s.%04d.exr", prefix.c_str(), f);
  return s;
}

// A generated sequence and a tiny chroma model trained on it (as the render tests do).
void makeMaterial(const test::TempDir& dir) {
  WriteOptions o;
  o.exrDataType = "float";
  for (int f = 1; f <= kFrames; ++f)
    writeImageAtomic(dir.file(frameName("src", f)), test::makeTestPattern(kWidth, kHeight, f), o);
  const auto r = runCli({"train", "--mode", "chroma", "--input", dir.file("src.####.exr"), "--target",
                         dir.file("src.####.exr"), "--frames", "1-2", "-o", dir.file("m.frm"), "--size", "S",
                         "--steps", "3", "--crop", "32", "--batch", "1", "--threads", "1", "--preview-every", "0"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
}

nlohmann::json status(const std::string& job) {
  const auto r = runCli({"submit", "--status", job, "--json"});
  if (r.exitCode != 0) return {{"error", r.err}};
  return nlohmann::json::parse(r.out);
}

// Polls `submit --status` until `done(doc)` or `seconds` pass; the last answer.
template <typename Pred>
nlohmann::json waitForStatus(const std::string& job, int seconds, Pred done) {
  const auto deadline = Clock::now() + std::chrono::seconds(seconds);
  nlohmann::json doc;
  while (Clock::now() < deadline) {
    doc = status(job);
    if (!doc.contains("error") && done(doc)) return doc;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  return doc;
}

std::vector<std::string> cmdlineOf(const std::string& pid) {
  std::ifstream in("/proc/" + pid + "/cmdline", std::ios::binary);
  std::vector<std::string> args;
  for (std::string a; std::getline(in, a, '\0');) args.push_back(a);
  return args;
}

// The render process of the task rendering `frames` into `output`.
pid_t renderProcessOf(const std::string& output, const std::string& frames) {
  DIR* proc = opendir("/proc");
  pid_t found = -1;
  while (dirent* e = proc ? readdir(proc) : nullptr) {
    if (std::atoi(e->d_name) <= 0) continue;
    const auto args = cmdlineOf(e->d_name);
    bool render = false, out = false, chunk = false;
    for (size_t i = 0; i < args.size(); ++i) {
      render = render || args[i] == "render";
      out = out || args[i] == output;
      chunk = chunk || (args[i] == "--frames" && i + 1 < args.size() && args[i + 1] == frames);
    }
    if (render && out && chunk) found = static_cast<pid_t>(std::atoi(e->d_name));
  }
  if (proc) closedir(proc);
  return found;
}

bool allEnded(const nlohmann::json& doc) { return doc.value("active", 1) == 0; }

// True once every thread of `pid` is stopped ("T" in /proc/PID/task/TID/stat): kill() only
// queues SIGSTOP, and a thread still running may finish one more frame after it returned.
bool allThreadsStopped(pid_t pid) {
  const std::string tasks = "/proc/" + std::to_string(pid) + "/task";
  DIR* dir = opendir(tasks.c_str());
  if (!dir) return false;
  bool stopped = true;
  while (dirent* e = readdir(dir)) {
    if (e->d_name[0] == '.') continue;
    std::ifstream stat(tasks + "/" + e->d_name + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');  // the name may hold spaces; the state follows ") "
    if (close == std::string::npos || close + 2 >= line.size() || line[close + 2] != 'T') stopped = false;
  }
  closedir(dir);
  return stopped;
}

}  // namespace

TEST(RealSlurm, KilledChunkIsReportedFailedAndResubmittedAlone) {
  const auto began = Clock::now();
  test::TempDir dir("slurm");
  std::string whyNot;
  auto cluster = test::LocalSlurmCluster::start(dir.file("cluster"), 2, whyNot);
  if (!cluster) GTEST_SKIP() << "no single-machine Slurm here: " << whyNot;
  const double startup = std::chrono::duration<double>(Clock::now() - began).count();

  makeMaterial(dir);
  if (HasFatalFailure()) return;
  // What every frame must look like: the same frames rendered here, outside Slurm.
  auto r = runCli({"render", "--model", dir.file("m.frm"), "--input", dir.file("src.####.exr"), "-o",
                   dir.file("ref/r.####.exr"), "--frames", "1-" + std::to_string(kFrames), "--threads", "1"});
  ASSERT_EQ(r.exitCode, 0) << r.err;

  const std::string job = dir.file("job"), output = dir.file("out/r.####.exr");
  r = runCli({"submit", "--engine", "slurm", "--model", dir.file("m.frm"), "--input", dir.file("src.####.exr"),
              "-o", output, "--frames", "1-" + std::to_string(kFrames), "--chunk", std::to_string(kChunk),
              "--cpus", "1", "--mem", "1", "--time", "00:10:00", "--job-name", "reel1", "--job-dir", job, "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err << r.out;
  const std::string firstJob = nlohmann::json::parse(r.out)["job_id"];
  ASSERT_FALSE(firstJob.empty());

  // Task 1 renders frames 6-10: its render process is found first, then held still
  // (SIGSTOP) the moment its first frame is on disk, so even a fast machine cannot finish
  // the chunk before Slurm cancels the task.
  const int killedTask = 1, first = killedTask * kChunk + 1, last = first + kChunk - 1;
  const std::string chunkFrames = std::to_string(first) + "-" + std::to_string(last);
  pid_t renderPid = -1;
  const auto catchDeadline = Clock::now() + std::chrono::seconds(90);
  while (renderPid <= 0 && Clock::now() < catchDeadline) {
    renderPid = renderProcessOf(output, chunkFrames);
    if (renderPid <= 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GT(renderPid, 0) << "task 1 did not start within 90 s:\n" << cluster->logTails();
  const std::string firstFrame = dir.file(frameName("out/r", first));
  while (!fs::exists(firstFrame) && Clock::now() < catchDeadline && kill(renderPid, 0) == 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_EQ(kill(renderPid, SIGSTOP), 0) << "task 1's render ended before its first frame was seen";
  const auto stopDeadline = Clock::now() + std::chrono::seconds(10);
  while (!allThreadsStopped(renderPid) && Clock::now() < stopDeadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_TRUE(allThreadsStopped(renderPid)) << "task 1's render did not stop within 10 s of SIGSTOP";
  ASSERT_TRUE(fs::exists(firstFrame)) << "task 1 wrote no frame within 90 s:\n" << cluster->logTails();
  auto framesOnDisk = [&] {
    std::map<int, fs::file_time_type> frames;
    for (int f = first; f <= last; ++f)
      if (fs::exists(dir.file(frameName("out/r", f)))) frames[f] = fs::last_write_time(dir.file(frameName("out/r", f)));
    return frames;
  };
  ASSERT_LT(framesOnDisk().size(), size_t(kChunk)) << "task 1 finished its chunk before it could be held";
  int rc = 0;
  cluster->client("scancel " + firstJob + "_" + std::to_string(killedTask), &rc);
  ASSERT_EQ(rc, 0);

  auto doc = waitForStatus(job, 120, allEnded);
  ASSERT_TRUE(allEnded(doc)) << doc.dump(2) << cluster->logTails();
  // What task 1 left is what is on disk now it has ended (scancel sends SIGCONT before its
  // SIGTERM, so a frame in flight may still have landed): status must report exactly that.
  const std::map<int, fs::file_time_type> keptFrames = framesOnDisk();
  ASSERT_LT(keptFrames.size(), size_t(kChunk)) << "task 1 finished its chunk before it was cancelled";
  EXPECT_EQ(doc["failed_tasks"], nlohmann::json::array({killedTask})) << doc.dump(2);
  EXPECT_EQ(doc["done"], 2) << doc.dump(2);
  const auto& killed = doc["chunks"][killedTask];
  EXPECT_EQ(killed["state"], "failed");
  EXPECT_EQ(killed["scheduler_state"], "CANCELLED");
  EXPECT_EQ(killed["frames_on_disk"], keptFrames.size());
  EXPECT_NE(killed["why"].get<std::string>().find("CANCELLED"), std::string::npos) << killed.dump();
  for (int t : {0, 2}) EXPECT_EQ(doc["chunks"][t]["scheduler_state"], "COMPLETED") << doc.dump(2);
  EXPECT_EQ(doc["chunks"].size(), size_t(kFrames / kChunk));

  r = runCli({"submit", "--resubmit", job, "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto resubmitted = nlohmann::json::parse(r.out)["resubmit"];
  EXPECT_EQ(resubmitted["tasks"], nlohmann::json::array({killedTask}));
  const std::string secondJob = resubmitted["job_id"];
  ASSERT_FALSE(secondJob.empty());
  EXPECT_NE(secondJob, firstJob);
  // Slurm holds exactly one task for the resubmission, number 1.
  const std::string tasks =
      cluster->client("squeue --noheader --array --states=all --format=%K --jobs=" + secondJob, &rc);
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(tasks, "1\n");

  doc = waitForStatus(job, 120, [](const nlohmann::json& d) { return d.value("complete", false); });
  ASSERT_TRUE(doc.value("complete", false)) << doc.dump(2) << cluster->logTails();
  EXPECT_EQ(doc["chunks"][killedTask]["job_id"], secondJob);
  EXPECT_EQ(doc["chunks"][killedTask]["scheduler_state"], "COMPLETED");
  EXPECT_EQ(doc["submissions"].size(), 2u);

  // Every frame, against the local render; the frames task 1 wrote before it was killed
  // were kept (--skip-existing), not rendered again.
  for (int f = 1; f <= kFrames; ++f) {
    const Image farm = readImageFile(dir.file(frameName("out/r", f)));
    const Image local = readImageFile(dir.file(frameName("ref/r", f)));
    const auto cmp = test::compareImages(farm, local, 1e-3f, 0.0, 1e-3f);
    EXPECT_TRUE(cmp.passed) << "frame " << f << ": max error " << cmp.maxError << ", " << cmp.percentOverThreshold
                            << " % over";
  }
  for (const auto& [f, time] : keptFrames)
    EXPECT_EQ(fs::last_write_time(dir.file(frameName("out/r", f))), time) << "frame " << f << " was rendered again";

  // A Slurm job id finds its folder through the log path Slurm holds.
  r = runCli({"submit", "--status", firstJob, "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["job_dir"], job);

  cluster->stop();
  std::cout << "real Slurm: cluster up in " << startup << " s, whole test "
            << std::chrono::duration<double>(Clock::now() - began).count() << " s" << std::endl;
}
