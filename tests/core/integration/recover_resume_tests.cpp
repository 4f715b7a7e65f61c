// Kill `recover` during training and again during rendering, run it again: it resumes
// (training from its checkpoint, rendering only missing frames) and the final frames are
// identical in number to the source's and valid. A fourth run reuses every stage.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/io/image_writer.h"
#include "core/io/provenance.h"
#include "core/project/project_catalog.h"
#include "tests/core/integration/recover_helpers.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::test;
namespace fs = std::filesystem;

namespace {

int countFrames(const std::string& pattern, int n) {
  int k = 0;
  for (int f = 1; f <= n; ++f) k += fs::exists(framePath(pattern, f));
  return k;
}

// Polls until `ready` says so or the child ends; true when it fired while the child ran.
template <typename Pred>
bool waitFor(ChildCli& child, Pred ready, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (!child.running()) return false;
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

TEST(RecoverEndToEnd, ResumesAfterKillsDuringTrainingAndRendering) {
  TempDir dir("recover-resume");
  auto o = synth::ScenarioOptions::chroma(192, 112, 40, 21);
  const auto s = synth::writeScenario(dir.file("material"), o);
  const std::string out = dir.file("restored/restored.####.exr"), work = dir.file("work"),
                    log = dir.file("cli.log");
  // Small fixed training so the test stays short; checkpoints often enough to be killed after one.
  const std::vector<std::string> args = {"recover", "--mode", "chroma", s.sourcePattern, s.referencePattern,
                                         "-o", out, "--work-dir", work, "--steps", "400",
                                         "--checkpoint-every", "40", "--no-baseline", "--json"};
  const std::string checkpoint = work + "/models/model.ckpt.frm";

  // 1. Kill once the first checkpoint is on disk (training is under way).
  auto first = startCli(args, log);
  const bool killedInTraining = waitFor(first, [&] { return fs::exists(checkpoint); }, 240);
  first.kill();
  first.wait();
  ASSERT_TRUE(killedInTraining) << "training never wrote a checkpoint; log: " << log;
  ASSERT_FALSE(fs::exists(work + "/models/model.frm"));
  {
    project::ProjectCatalog p(work);
    EXPECT_EQ(p.integrityCheck(), "ok");
    EXPECT_EQ(p.stage("train")->status, "running");
  }

  // 2. Run again; kill once rendering has written some frames.
  auto second = startCli(args, log);
  int atKill = 0;
  const bool killedInRender = waitFor(second, [&] { return (atKill = countFrames(out, s.sourceFrames)) >= 2; }, 240);
  second.kill();
  second.wait();
  ASSERT_TRUE(killedInRender) << "rendering never started; log: " << log;
  EXPECT_LT(atKill, s.sourceFrames) << "the render finished before the kill";
  {
    project::ProjectCatalog p(work);
    EXPECT_EQ(p.stage("train")->status, "done");
    EXPECT_EQ(p.stage("render")->status, "running");
    EXPECT_TRUE(p.trainingRuns().back().metrics.value("resumedFrom", 0) > 0);
  }
  // No half-written frame is ever visible under a final name.
  for (int f = 1; f <= s.sourceFrames; ++f)
    if (fs::exists(framePath(out, f))) {
      EXPECT_NO_THROW(readImageFile(framePath(out, f))) << f;
    }

  // 3. Run to the end: render resumes, every frame exists and is valid.
  const auto third = runCli(args);
  ASSERT_EQ(third.exitCode, 0) << third.err;
  const auto doc = nlohmann::json::parse(third.out);
  bool renderResumed = false;
  for (const auto& st : doc["stages"]) {
    if (st["name"] == "train") {
      EXPECT_TRUE(st["reused"].get<bool>());
    }
    if (st["name"] == "render") renderResumed = st["resumed"].get<bool>();
  }
  EXPECT_TRUE(renderResumed);
  EXPECT_EQ(countFrames(out, s.sourceFrames), s.sourceFrames);
  EXPECT_FALSE(fs::exists(framePath(out, s.sourceFrames + 1)));
  for (int f = 1; f <= s.sourceFrames; ++f) {
    const Image img = readImageFile(framePath(out, f));
    ASSERT_EQ(img.width, 192);
    ASSERT_EQ(img.height, 112);
    for (float v : img.pixels) ASSERT_TRUE(std::isfinite(v)) << "frame " << f;
    EXPECT_FALSE(provenanceOf(img.attributes).empty()) << "frame " << f << " lacks provenance";
  }
  for (const auto& entry : fs::directory_iterator(fs::path(out).parent_path()))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();

  // 4. Nothing changed: every stage is reused.
  const auto fourth = runCli(args);
  ASSERT_EQ(fourth.exitCode, 0) << fourth.err;
  // Named: a range-for over parse(...)["stages"] iterates a member of a temporary that is
  // destroyed before the loop's first step (AddressSanitizer: heap-use-after-free).
  const auto summary = nlohmann::json::parse(fourth.out);
  for (const auto& st : summary.at("stages"))
    if (st["name"] != "report") {
      EXPECT_TRUE(st["reused"].get<bool>()) << st["name"];
    }
}
