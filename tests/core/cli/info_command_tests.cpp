#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/io/image_writer.h"
#include "core/io/output_pattern.h"
#include "core/project/project_catalog.h"
#include "tests/support/test_support.h"

namespace filmrecover {

namespace fs = std::filesystem;
using test::runCli;

namespace {

void writeFrames(const std::string& pattern, const std::vector<int>& frames, const ImageAttributes& attrs = {}) {
  fs::create_directories(fs::path(pattern).parent_path());
  const OutputPattern out(pattern);
  for (int f : frames) {
    Image image = test::makeTestPattern(48, 32, static_cast<unsigned>(f));
    image.attributes = attrs;
    writeImageAtomic(out.pathFor(f), image);
  }
}

// Every bad input: exit 1, nothing on stdout, one error line on stderr (after any progress
// lines) that names `what`.
void expectOneSentenceError(const std::vector<std::string>& args, const std::string& what) {
  const auto r = runCli(args);
  EXPECT_EQ(r.exitCode, 1) << r.err;
  EXPECT_EQ(r.out, "") << "partial output for " << args.back();
  const size_t at = r.err.find("error: ");
  ASSERT_NE(at, std::string::npos) << r.err;
  const std::string error = r.err.substr(at);
  EXPECT_NE(error.find(what), std::string::npos) << r.err;
  EXPECT_EQ(std::count(error.begin(), error.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.find("terminate"), std::string::npos) << r.err;
}

}  // namespace

TEST(InfoCommand, ReportsASequenceAsTextAndJson) {
  test::TempDir dir("info");
  writeFrames(dir.file("plate.####.exr"), {1001, 1002, 1003, 1005, 1006}, {{"oiio:ColorSpace", "ACEScg"}});
  const auto text = runCli({"info", dir.file("plate.####.exr")});
  ASSERT_EQ(text.exitCode, 0) << text.err;
  EXPECT_NE(text.out.find("1001-1003,1005-1006"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("missing:    1004 (1)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("48 x 32"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("half"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("oiio:ColorSpace: ACEScg"), std::string::npos) << text.out;

  const auto json = runCli({"info", dir.file("plate.%04d.exr"), "--json"});
  ASSERT_EQ(json.exitCode, 0) << json.err;
  const auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["kind"], "sequence");
  EXPECT_EQ(doc["frames"], "1001-1003,1005-1006");
  EXPECT_EQ(doc["count"], 5);
  EXPECT_EQ(doc["missing"], "1004");
  EXPECT_EQ(doc["width"], 48);
  EXPECT_EQ(doc["height"], 32);
  EXPECT_EQ(doc["channels"], 3);
  EXPECT_EQ(doc["dataType"], "half");
  EXPECT_TRUE(doc["frameRate"].is_null());
  EXPECT_EQ(doc["colour"]["oiio:ColorSpace"], "ACEScg");
  EXPECT_EQ(doc["pattern"], dir.file("plate.%04d.exr"));
}

TEST(InfoCommand, ReportsAMovieWithItsRateAndVerifiesFrames) {
  test::TempDir dir("info-movie");
  setenv("FILMRECOVER_CACHE_DIR", dir.file("cache").c_str(), 1);
  const std::string movie = dir.file("dvd.mpg");
  const std::string cmd = "ffmpeg -nostdin -y -loglevel error -f lavfi -i testsrc=size=160x96:rate=25 -frames:v 30 "
                          "-c:v mpeg2video -g 12 -f vob '" + movie + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const auto r = runCli({"info", movie, "--json", "--verify"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["kind"], "movie");
  EXPECT_EQ(doc["codec"], "mpeg2video");
  EXPECT_EQ(doc["frames"], "1-30");
  EXPECT_EQ(doc["count"], 30);
  EXPECT_EQ(doc["frameRate"], 25.0);
  EXPECT_EQ(doc["width"], 160);
  EXPECT_EQ(doc["verified"], "1-30");
  EXPECT_EQ(doc["colour"]["ffmpeg:decode_matrix"], "bt601");
}

TEST(InfoCommand, MissingSourcesAndPatternsMatchingNothing) {
  test::TempDir dir("info-bad");
  // A file and a folder that do not exist.
  expectOneSentenceError({"info", dir.file("nope.mov")}, dir.file("nope.mov"));
  expectOneSentenceError({"info", dir.file("nofolder/plate.####.exr")}, dir.file("nofolder"));
  // A pattern that matches nothing.
  fs::create_directories(dir.file("empty"));
  expectOneSentenceError({"info", dir.file("empty/plate.####.exr")}, "matches no files");
}

TEST(InfoCommand, BadFrameSetsTwoSequencesAndUnknownFormats) {
  test::TempDir dir("info-bad2");
  // A bad frame set, in a pattern and in --frames.
  writeFrames(dir.file("good/g.####.png"), {1, 2, 3});
  expectOneSentenceError({"info", dir.file("good/g.1-x#.png")}, "1-x");
  expectOneSentenceError({"info", dir.file("good/g.####.png"), "--verify", "--frames", "3-1x0"}, "3-1x0");
  // A folder with two sequences.
  writeFrames(dir.file("two/a.####.png"), {1, 2});
  writeFrames(dir.file("two/b.####.png"), {1, 2});
  expectOneSentenceError({"info", dir.file("two")}, "2 sequences");
  // An unknown format.
  std::ofstream(dir.file("notes.xyz")) << "text";
  expectOneSentenceError({"info", dir.file("notes.xyz")}, "notes.xyz");
}

TEST(InfoCommand, UnreadableTruncatedAndFakeFrames) {
  test::TempDir dir("info-bad3");
  // A truncated frame found by --verify: the summary is printed, the frame named, exit 2.
  writeFrames(dir.file("cut/c.####.exr"), {1, 2, 3});
  fs::resize_file(dir.file("cut/c.0002.exr"), fs::file_size(dir.file("cut/c.0002.exr")) / 3);
  auto r = runCli({"info", dir.file("cut/c.####.exr"), "--verify"});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find("warning: frame 2 ('" + dir.file("cut/c.0002.exr") + "') is truncated"), std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("verified:   1 defective frame(s): 2 (truncated)"), std::string::npos) << r.out;
  // An unreadable first frame: the sequence is described from the others, the frame named
  // as suspect without --verify, and as a defect with it.
  std::ofstream(dir.file("cut/c.0001.exr"), std::ios::trunc) << "garbage";
  r = runCli({"info", dir.file("cut/c.####.exr")});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.err.find("c.0001.exr"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("suspect:    1 defective frame(s): 1 (unreadable)"), std::string::npos) << r.out;
  r = runCli({"info", dir.file("cut/c.####.exr"), "--verify", "--json"});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["defects"].size(), 2u) << r.out;
  // Nothing readable at all: bad input naming the first frame.
  std::ofstream(dir.file("cut/c.0002.exr"), std::ios::trunc) << "garbage";
  std::ofstream(dir.file("cut/c.0003.exr"), std::ios::trunc) << "garbage";
  expectOneSentenceError({"info", dir.file("cut/c.####.exr")}, "c.0001.exr");
  // A movie that is not one.
  std::ofstream(dir.file("fake.mp4")) << "not a movie";
  expectOneSentenceError({"info", dir.file("fake.mp4")}, "fake.mp4");
}

TEST(InfoCommand, SummarisesAProjectFolder) {
  test::TempDir dir("info-project");
  const std::string project = dir.file("work");
  {
    project::ProjectCatalog catalog(project);
    catalog.setMeta("title", "Reel 2");
    catalog.setMeta("mode", "chroma");
    project::SourceRecord source;
    source.role = "source";
    source.spec = "scan/print.####.dpx";
    source.first = 1001;
    source.last = 1240;
    source.frameCount = 240;
    source.width = 2048;
    source.height = 1556;
    catalog.addSource(source);
    catalog.setStage({"match", "key", "done", nlohmann::json::object(), project::ProjectCatalog::now()});
  }
  const auto json = runCli({"info", project, "--json"});
  ASSERT_EQ(json.exitCode, 0) << json.err;
  const auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["title"], "Reel 2");
  EXPECT_EQ(doc["mode"], "chroma");
  ASSERT_EQ(doc["sources"].size(), 1u);
  EXPECT_EQ(doc["sources"][0]["frames"], 240);
  EXPECT_EQ(doc["stages"][0]["name"], "match");
  const auto text = runCli({"info", project});
  ASSERT_EQ(text.exitCode, 0) << text.err;
  EXPECT_NE(text.out.find("Reel 2"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("scan/print.####.dpx"), std::string::npos) << text.out;
  expectOneSentenceError({"info", project, "--verify"}, "--verify");
}

TEST(InfoCommand, HelpDescribesTheFlags) {
  const auto r = runCli({"info", "--help"});
  EXPECT_EQ(r.exitCode, 0);
  for (const char* flag : {"SOURCE", "--verify", "--frames", "--json", "--threads"})
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
}

}  // namespace filmrecover
