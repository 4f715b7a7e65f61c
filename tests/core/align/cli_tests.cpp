// filmrecover-cli match and align on a generated scenario written to disk.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/align/transforms.h"
#include "core/io/image_writer.h"
#include "core/match/mapping.h"
#include "core/synth/scenario.h"
#include "tests/support/test_support.h"

namespace filmrecover::test {
namespace {

namespace fs = std::filesystem;

synth::Scenario smallScenario(const TempDir& dir) {
  auto o = synth::ScenarioOptions::chroma(240, 136, 40, 4);
  o.film.shots = 3;
  o.reference.retime.startOffset = 4;
  o.reference.retime.endTrim = 3;
  return synth::writeScenario(dir.file("scenario"), o);
}

TEST(MatchAlignCli, DamagedFramesAreMatchedAroundAndLeftOutOfAlignmentWithExitTwo) {
  TempDir dir("match-cli-damaged");
  const synth::Scenario sc = smallScenario(dir);
  const auto frame = [](const std::string& pattern, int n) {
    char name[16];
    std::snprintf(name, sizeof name, "%04d", n);
    std::string path = pattern;
    return path.replace(path.find("####"), 4, name);
  };
  // Source frame 20 truncated before matching: matched around, named, exit 2.
  fs::resize_file(frame(sc.sourcePattern, 20), fs::file_size(frame(sc.sourcePattern, 20)) / 3);
  const std::string mapping = dir.file("work/mapping.json");
  const CliResult m = runCli({"match", sc.sourcePattern, sc.referencePattern, "-o", mapping, "--json"});
  ASSERT_EQ(m.exitCode, 2) << m.err;
  EXPECT_NE(m.err.find(frame(sc.sourcePattern, 20)), std::string::npos) << m.err;
  const match::Mapping map = match::readMapping(mapping);
  ASSERT_EQ(map.sourceDefects.size(), 1u);
  EXPECT_EQ(map.sourceDefects[0].frame, 20);
  EXPECT_EQ(map.pairForSource(20), nullptr);
  EXPECT_GT(map.usablePairs().size(), 20u);
  // Source frame 25 damaged after matching: align leaves its pair out, names it, exits 2,
  // and aligns every other pair.
  const match::FramePair* pair = map.pairForSource(25);
  ASSERT_NE(pair, nullptr);
  std::ofstream(frame(sc.sourcePattern, 25), std::ios::trunc) << "overwritten";
  const std::string pattern = dir.file("work/aligned/ref.####.exr");
  const CliResult a = runCli({"align", sc.sourcePattern, sc.referencePattern, "--mapping", mapping, "-o", pattern,
                              "--json"});
  ASSERT_EQ(a.exitCode, 2) << a.err;
  EXPECT_EQ(nlohmann::json::parse(a.out)["unreadable"], 1);
  EXPECT_NE(a.err.find(frame(sc.sourcePattern, 25)), std::string::npos) << a.err;
  EXPECT_FALSE(fs::exists(frame(pattern, 25)));
  const align::Transforms t = align::readTransforms(dir.file("work/aligned/transforms.json"));
  EXPECT_EQ(t.forSource(25), nullptr);
  bool named = false;
  for (const auto& s : t.skipped) named |= s.source == 25 && s.unreadable;
  EXPECT_TRUE(named);
  EXPECT_EQ(t.frames.size() + 1, map.usablePairs().size());
  // A well-aligned source frame damaged after alignment: curate rejects its pair as
  // unreadable, names it, picks the others, exits 2.
  int damaged = 0;
  for (const auto& f : t.frames)
    if (f.flag.empty() && f.source > 5) damaged = f.source;
  ASSERT_GT(damaged, 0);
  fs::resize_file(frame(sc.sourcePattern, damaged), fs::file_size(frame(sc.sourcePattern, damaged)) / 2);
  const CliResult c = runCli({"curate", sc.sourcePattern, pattern, "--mapping", mapping, "-o",
                              dir.file("work/dataset.json"), "--json"});
  ASSERT_EQ(c.exitCode, 2) << c.err;
  EXPECT_NE(c.err.find(frame(sc.sourcePattern, damaged)), std::string::npos) << c.err;
  const auto curated = nlohmann::json::parse(c.out);
  ASSERT_EQ(curated["unreadable"].size(), 1u);
  EXPECT_EQ(curated["unreadable"][0]["frame"], damaged);
  EXPECT_TRUE(fs::exists(dir.file("work/dataset.json")));
}

TEST(MatchAlignCli, MatchThenAlignWritesMappingFramesAndTransforms) {
  TempDir dir("match-cli");
  const synth::Scenario sc = smallScenario(dir);
  const std::string mapping = dir.file("work/mapping.json");
  const CliResult m = runCli({"match", sc.sourcePattern, sc.referencePattern, "-o", mapping, "--json", "-q"});
  ASSERT_EQ(m.exitCode, 0) << m.err;
  const auto summary = nlohmann::json::parse(m.out);
  EXPECT_GT(summary.at("pairs").get<int>(), 20);
  const match::Mapping map = match::readMapping(mapping);
  EXPECT_EQ(map.source, sc.sourcePattern);
  EXPECT_TRUE(fs::exists(dir.file("work/descriptor-cache")));
  // Pairs lie on the truth within a frame (the scenario's mapping: reference j+1 shows film frame).
  int near = 0;
  for (const auto& p : map.usablePairs())
    near += std::abs(sc.mapping.at(p.reference - 1).film + 1 - p.source) <= 1;
  EXPECT_GE(near, int(map.usablePairs().size()) * 9 / 10);
  // Uncovered source frames at the start are reported unmatched.
  ASSERT_FALSE(map.unmatchedSource.empty());
  EXPECT_EQ(map.unmatchedSource.front().first, 1);

  const std::string pattern = dir.file("work/aligned/ref.####.exr");
  const CliResult a = runCli({"align", sc.sourcePattern, sc.referencePattern, "--mapping", mapping, "-o", pattern,
                              "--model", "affine", "--json", "-q"});
  ASSERT_EQ(a.exitCode, 0) << a.err;
  const auto done = nlohmann::json::parse(a.out);
  const int aligned = done.at("aligned").get<int>();
  EXPECT_EQ(aligned, int(map.usablePairs().size()));
  const align::Transforms t = align::readTransforms(dir.file("work/aligned/transforms.json"));
  ASSERT_EQ(int(t.frames.size()), aligned);
  const Image first = readImageFile(t.frames.front().file);
  EXPECT_EQ(first.width, sc.sourceWidth);
  EXPECT_EQ(first.height, sc.sourceHeight);
  EXPECT_FALSE(t.sharedCrop.empty());

  // Run again: everything is kept (resume), nothing rewritten.
  const auto stamp = fs::last_write_time(t.frames.front().file);
  const CliResult again = runCli({"align", sc.sourcePattern, sc.referencePattern, "--mapping", mapping, "-o",
                                  pattern, "--json", "-q"});
  ASSERT_EQ(again.exitCode, 0) << again.err;
  EXPECT_EQ(fs::last_write_time(t.frames.front().file), stamp);
  EXPECT_EQ(nlohmann::json::parse(again.out).at("aligned").get<int>(), aligned);
}

TEST(MatchAlignCli, BadInputExitsOneNamingIt) {
  TempDir dir("match-cli-bad");
  const CliResult m = runCli({"match", dir.file("nothing.####.png"), dir.file("nothing2.####.png"), "-o",
                              dir.file("m.json")});
  EXPECT_EQ(m.exitCode, 1);
  EXPECT_NE(m.err.find("nothing"), std::string::npos) << m.err;
  { std::ofstream(dir.file("m.json")) << "not json"; }
  const CliResult a = runCli({"align", dir.file("a.####.png"), dir.file("b.####.png"), "--mapping",
                              dir.file("m.json"), "-o", dir.file("out.####.exr")});
  EXPECT_EQ(a.exitCode, 1);
  EXPECT_NE(a.err.find("m.json"), std::string::npos) << a.err;
  const CliResult model = runCli({"align", "a", "b", "--mapping", dir.file("m.json"), "-o", dir.file("o.####.exr"),
                                  "--model", "warp"});
  EXPECT_EQ(model.exitCode, 1);
  EXPECT_NE(model.err.find("--model"), std::string::npos) << model.err;
}

}  // namespace
}  // namespace filmrecover::test
