// recover on a source with damaged frames: they are matched around, never rendered, named
// in the summary, the report and the catalog; every other frame is restored; exit 2.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/io/image_writer.h"
#include "core/project/project_catalog.h"
#include "tests/core/integration/recover_helpers.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::test;
namespace fs = std::filesystem;

TEST(RecoverEndToEnd, DamagedSourceFramesAreSkippedNamedAndReported) {
  TempDir dir("recover-integrity");
  auto o = synth::ScenarioOptions::chroma(160, 96, 30, 5);
  const auto s = synth::writeScenario(dir.file("material"), o);
  // An interrupted copy, a frame lost in transfer, and one that is not an image at all.
  fs::resize_file(framePath(s.sourcePattern, 9), fs::file_size(framePath(s.sourcePattern, 9)) / 3);
  fs::remove(framePath(s.sourcePattern, 17));
  std::ofstream(framePath(s.sourcePattern, 23), std::ios::trunc) << "not a picture";
  const std::string out = dir.file("restored/restored.####.exr"), work = dir.file("work");
  const std::vector<std::string> args = {"recover", "--mode", "chroma", s.sourcePattern, s.referencePattern,
                                         "-o", out, "--work-dir", work, "--steps", "30", "--json"};
  const auto r = runCli(args);
  ASSERT_EQ(r.exitCode, 2) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  std::vector<int> skipped;
  for (const auto& k : doc["skipped"])
    if (k["role"] == "source") skipped.push_back(k["frame"]);
  EXPECT_EQ(skipped, (std::vector<int>{9, 17, 23}));
  for (const char* name : {"source.0009.png", "source.0017.png", "source.0023.png"})
    EXPECT_NE(r.err.find(name), std::string::npos) << name << "\n" << r.err;

  // Every other frame is restored, and only those.
  for (int f = 1; f <= s.sourceFrames; ++f) {
    const bool damaged = f == 9 || f == 17 || f == 23;
    EXPECT_EQ(fs::exists(framePath(out, f)), !damaged) << "frame " << f;
  }
  // The catalog and the report list them.
  project::ProjectCatalog catalog(work);
  std::vector<int> recorded;
  for (const auto& d : catalog.frameDefects())
    if (d.role == "source") recorded.push_back(d.frame);
  EXPECT_EQ(recorded, (std::vector<int>{9, 17, 23}));
  std::ifstream html(doc["report"].get<std::string>());
  const std::string report((std::istreambuf_iterator<char>(html)), std::istreambuf_iterator<char>());
  EXPECT_NE(report.find("Skipped frames"), std::string::npos);
  EXPECT_NE(report.find("source.0009.png"), std::string::npos);

  // Repaired and run again: the frames are restored and the run is whole.
  fs::copy_file(framePath(s.sourcePattern, 8), framePath(s.sourcePattern, 9), fs::copy_options::overwrite_existing);
  fs::copy_file(framePath(s.sourcePattern, 16), framePath(s.sourcePattern, 17));
  fs::copy_file(framePath(s.sourcePattern, 22), framePath(s.sourcePattern, 23), fs::copy_options::overwrite_existing);
  const auto again = runCli(args);
  EXPECT_EQ(again.exitCode, 0) << again.err;
  for (int f : {9, 17, 23}) EXPECT_TRUE(fs::exists(framePath(out, f))) << f;
  EXPECT_TRUE(project::ProjectCatalog(work).frameDefects().empty());
}
