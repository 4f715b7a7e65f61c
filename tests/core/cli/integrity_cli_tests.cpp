// Integrity on read through the CLI contract: a damaged frame is named, skipped, never
// rendered, the other frames are done, and the command exits 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/io/image_writer.h"
#include "core/io/output_pattern.h"
#include "tests/support/test_support.h"

namespace filmrecover {
namespace {

namespace fs = std::filesystem;
using test::runCli;

// A DPX scan of frames 1-8 with the defects an archive meets: frame 2 truncated to a third
// (an interrupted copy), frame 4 absent, frame 6 of another size, frame 7 zero bytes.
void writeDamagedScan(const test::TempDir& dir) {
  fs::create_directories(dir.file("scan"));
  const OutputPattern out(dir.file("scan/s.####.dpx"));
  for (int f = 1; f <= 8; ++f)
    if (f != 4) writeImageAtomic(out.pathFor(f), test::makeTestPattern(64, 48, static_cast<unsigned>(f)));
  fs::resize_file(out.pathFor(2), fs::file_size(out.pathFor(2)) / 3);
  writeImageAtomic(out.pathFor(6), test::makeTestPattern(80, 48, 6));
  std::ofstream(out.pathFor(7), std::ios::trunc).flush();
}

// A tiny chroma model trained on clean EXR frames.
void trainModel(const test::TempDir& dir) {
  const OutputPattern out(dir.file("clean/c.####.exr"));
  fs::create_directories(dir.file("clean"));
  for (int f = 1; f <= 2; ++f) writeImageAtomic(out.pathFor(f), test::makeTestPattern(64, 48, static_cast<unsigned>(f)));
  const auto r = runCli({"train", "--mode", "chroma", "--input", dir.file("clean/c.####.exr"), "--target",
                         dir.file("clean/c.####.exr"), "--frames", "1-2", "-o", dir.file("m.frm"), "--size", "S",
                         "--steps", "2", "--crop", "32", "--batch", "1", "--threads", "1", "--preview-every", "0"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST(IntegrityCli, InfoVerifyListsEveryDefectAndExitsTwo) {
  test::TempDir dir("cli-integrity-info");
  writeDamagedScan(dir);
  auto r = runCli({"info", dir.file("scan/s.####.dpx"), "--verify", "--json"});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  std::vector<std::pair<int, std::string>> found;
  for (const auto& d : doc["defects"]) found.emplace_back(d["frame"].get<int>(), d["kind"].get<std::string>());
  EXPECT_EQ(found, (std::vector<std::pair<int, std::string>>{
                       {2, "truncated"}, {4, "missing"}, {6, "size"}, {7, "unreadable"}}));
  // Each is named on stderr with its file.
  for (const char* file : {"s.0002.dpx", "s.0004.dpx", "s.0006.dpx", "s.0007.dpx"})
    EXPECT_NE(r.err.find(file), std::string::npos) << file << "\n" << r.err;
  // Without --verify: the short and the empty file are suspect from their sizes alone.
  r = runCli({"info", dir.file("scan/s.####.dpx"), "--json"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  const auto plain = nlohmann::json::parse(r.out);
  std::vector<int> suspects;
  for (const auto& d : plain["suspects"]) suspects.push_back(d["frame"]);
  EXPECT_EQ(suspects, (std::vector<int>{2, 7}));
}

TEST(IntegrityCli, RenderSkipsDamagedFramesNamesThemAndExitsTwo) {
  test::TempDir dir("cli-integrity-render");
  writeDamagedScan(dir);
  trainModel(dir);
  const OutputPattern out(dir.file("out/r.####.exr"));
  auto r = runCli({"render", "--model", dir.file("m.frm"), "--input", dir.file("scan/s.####.dpx"), "-o",
                   dir.file("out/r.####.exr"), "--threads", "1", "--json"});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["rendered"], 4);
  EXPECT_EQ(doc["failedFrames"], (std::vector<int>{2, 4, 6, 7}));
  ASSERT_EQ(doc["defects"].size(), 4u);
  EXPECT_EQ(doc["defects"][0]["kind"], "truncated");
  // The good frames are rendered; no output frame exists for a damaged input.
  for (int f : {1, 3, 5, 8}) EXPECT_TRUE(fs::exists(out.pathFor(f))) << f;
  for (int f : {2, 4, 6, 7}) EXPECT_FALSE(fs::exists(out.pathFor(f))) << f;
  // A rerun over the finished frames leaves them as they are and names the same frames.
  const auto before = fs::last_write_time(out.pathFor(1));
  r = runCli({"render", "--model", dir.file("m.frm"), "--input", dir.file("scan/s.####.dpx"), "-o",
              dir.file("out/r.####.exr"), "--skip-existing", "--json"});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["skipped"], 4);
  EXPECT_EQ(fs::last_write_time(out.pathFor(1)), before);
  // Repairing the truncated frame (a fresh copy) renders it on the next resume.
  writeImageAtomic(dir.file("scan/s.0002.dpx"), test::makeTestPattern(64, 48, 2));
  r = runCli({"render", "--model", dir.file("m.frm"), "--input", dir.file("scan/s.####.dpx"), "-o",
              dir.file("out/r.####.exr"), "--skip-existing", "--frames", "1-3", "--json"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(fs::exists(out.pathFor(2)));
}

TEST(IntegrityCli, RenderOfFramesThatAreAllMissingIsBadInput) {
  test::TempDir dir("cli-integrity-none");
  writeDamagedScan(dir);
  trainModel(dir);
  const auto r = runCli({"render", "--model", dir.file("m.frm"), "--input", dir.file("scan/s.####.dpx"), "-o",
                         dir.file("out/r.####.exr"), "--frames", "4,40"});
  EXPECT_EQ(r.exitCode, 1) << r.err;
  EXPECT_NE(r.err.find("4,40"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace filmrecover
