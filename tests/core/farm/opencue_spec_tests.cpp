// The OpenCue job spec `submit --engine opencue` writes, read the way Cuebot reads it:
// well-formed, valid against the cjsl-1.12 DTD it names, and within the rules of Cuebot's
// JobSpec (names, user, ranges, cores, memory). tests/core/farm/cjsl_checker.h holds the
// check; the last tests show it refuses what Cuebot refuses, so a pass means something.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/exec/errors.h"
#include "core/farm/farm_job.h"
#include "core/farm/opencue_spec.h"
#include "tests/core/farm/cjsl_checker.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::farm;
using namespace filmrecover::test;

namespace {

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// A job as an archive would submit it: a gap in the frames, paths with a space and an
// apostrophe (quoted in the command, escaped in the XML), 4 cores and 8 GB per task.
FarmJob openCueJob(const test::TempDir& dir, std::vector<int> frames, int chunk = 10) {
  std::ofstream(dir.file("film.frm")) << "model";
  FarmJobOptions o;
  o.engine = FarmEngine::OpenCue;
  o.model = dir.file("film.frm");
  o.input = dir.file("reel 1/scan's.####.dpx");
  o.output = dir.file("restored <final>/r.####.exr");
  o.jobDir = dir.file("job");
  o.cliPath = "/usr/bin/filmrecover-cli";
  o.frames = std::move(frames);
  o.chunkSize = chunk;
  o.user = "restorer";
  o.show = "archive";
  o.shot = "reel_01";
  return prepareFarmJob(o);
}

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "the spec no longer holds '" << from << "'";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST(OpenCueSpec, IsWhatCuebotsValidatingParserAndJobSpecAccept) {
  test::TempDir dir("opencue");
  std::vector<int> frames;
  for (int f = 1001; f <= 1100; ++f) frames.push_back(f);
  for (int f = 1200; f <= 1203; ++f) frames.push_back(f);
  frames.push_back(1300);
  const FarmJob job = openCueJob(dir, frames);
  const std::string spec = readFile(job.scriptPath);
  const auto violations = cjslViolations(spec);
  EXPECT_TRUE(violations.empty()) << joined(violations) << spec;

  const XmlDocument doc = parseXml(spec);
  ASSERT_TRUE(doc.root) << doc.error;
  EXPECT_EQ(doc.root->child("show")->trimmed(), "archive");
  EXPECT_EQ(doc.root->child("shot")->trimmed(), "reel_01");
  EXPECT_EQ(doc.root->child("user")->trimmed(), "restorer");
  const XmlElement* job0 = doc.root->child("job");
  ASSERT_TRUE(job0);
  EXPECT_EQ(job0->attributes.at("name"), "filmrecover-render");
  const auto layers = job0->child("layers")->all("layer");
  ASSERT_EQ(layers.size(), 3u) << "one layer per contiguous run";
  EXPECT_EQ(layers[0]->child("range")->trimmed(), "1001-1100");
  EXPECT_EQ(layers[1]->child("range")->trimmed(), "1200-1203");
  EXPECT_EQ(layers[2]->child("range")->trimmed(), "1300");
  // Cuebot chunks each layer's range from its first frame: the same tasks as chunks.json.
  size_t cueTasks = 0;
  for (const XmlElement* layer : layers) {
    const int chunk = std::stoi(layer->child("chunk")->trimmed());
    cueTasks += static_cast<size_t>((rangeLength(layer->child("range")->trimmed()) + chunk - 1) / chunk);
    // What Cuebot reserves: the 4 cores the command's --threads uses, and 8 GB.
    EXPECT_EQ(cuebotCorePoints(layer->child("cores")->trimmed()), 400);
    EXPECT_EQ(cuebotMemoryKb(layer->child("memory")->trimmed()), 8LL * 1024 * 1024);
  }
  EXPECT_EQ(cueTasks, job.chunks.size());
  // The command survives the XML round trip with its quoting intact.
  const std::string cmd = layers[0]->child("cmd")->trimmed();
  EXPECT_NE(cmd.find("--frames #FRAME_START#-#FRAME_END#"), std::string::npos) << cmd;
  EXPECT_NE(cmd.find("restored <final>"), std::string::npos) << cmd;
  EXPECT_NE(cmd.find("--threads 4"), std::string::npos) << cmd;
}

TEST(OpenCueSpec, TheShippedTemplateIsValidToo) {
  const std::string spec = readFile(test::sourcePath("packaging/farm/opencue-render.cuespec.xml"));
  ASSERT_FALSE(spec.empty());
  const auto violations = cjslViolations(spec);
  EXPECT_TRUE(violations.empty()) << joined(violations);
}

TEST(OpenCueSpec, RefusesNamesCuebotWouldRejectNamingTheFlag) {
  test::TempDir dir("opencue");
  const FarmJob good = openCueJob(dir, {1, 2, 3});
  auto refusal = [&](auto change) {
    FarmJob job = good;
    change(job.options);
    return test::inputErrorOf([&] { openCueSpec(job); });
  };
  EXPECT_NE(refusal([](FarmJobOptions& o) { o.jobName = "reel 1 render"; }).find("--job-name"), std::string::npos);
  EXPECT_NE(refusal([](FarmJobOptions& o) { o.jobName = "r1"; }).find("--job-name"), std::string::npos);
  EXPECT_NE(refusal([](FarmJobOptions& o) { o.shot = "A1"; }).find("--shot"), std::string::npos);
  EXPECT_NE(refusal([](FarmJobOptions& o) { o.show = "my show"; }).find("--show"), std::string::npos);
  EXPECT_NE(refusal([](FarmJobOptions& o) { o.user = "two words"; }).find("user"), std::string::npos);
  EXPECT_NE(refusal([](FarmJobOptions& o) { o.output = "/out/a\x01.####.exr"; }).find("control character"),
            std::string::npos);
  EXPECT_EQ(refusal([](FarmJobOptions&) {}), "no error");
}

TEST(CjslChecker, RefusesWhatCuebotRefuses) {
  test::TempDir dir("opencue");
  const std::string spec = readFile(openCueJob(dir, {1, 2, 3, 4}).scriptPath);
  ASSERT_TRUE(cjslViolations(spec).empty()) << joined(cjslViolations(spec));
  struct Case {
    const char* what;
    std::string xml;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {"unclosed element", replaced(spec, "</layers>", "</layer>"), "not well-formed"},
      {"layer type missing", replaced(spec, " type=\"Render\"", ""), "required attribute 'type'"},
      {"unknown layer type", replaced(spec, "type=\"Render\"", "type=\"Compute\""), "not one of"},
      {"job name not an NMTOKEN", replaced(spec, "name=\"filmrecover-render\"", "name=\"reel 1\""),
       "not an NMTOKEN"},
      {"element out of order", replaced(spec, "<paused>False</paused>", "<autoeat>False</autoeat><paused>False</paused>"),
       "element order"},
      {"required element missing", replaced(spec, "<shot>reel_01</shot>", ""), "needs <shot>"},
      {"unknown element", replaced(spec, "<memory>8g</memory>", "<mem>8g</mem>"), "not an element"},
      {"range missing", replaced(spec, "<range>1-4</range>", ""), "needs <range>"},
      {"undeclared attribute", replaced(spec, "<layer name", "<layer priority=\"1\" name"), "does not declare"},
      {"launched as root", replaced(spec, "<user>restorer</user>", "<user>root</user>"), "root"},
      {"short shot", replaced(spec, "<shot>reel_01</shot>", "<shot>A1</shot>"), "name rule"},
      {"another DTD", replaced(spec, "cjsl-1.12.dtd", "cjsl-9.dtd"), "system id"},
      {"text where elements go", replaced(spec, "<layers>", "<layers>oops"), "holds text"},
      {"bad range", replaced(spec, "<range>1-4</range>", "<range>4-1</range>"), "range '4-1' is invalid"},
      {"cores unparsable", replaced(spec, "<cores>4.0</cores>", "<cores>four</cores>"), "does not parse"},
  };
  for (const auto& c : cases) {
    const std::string all = joined(cjslViolations(c.xml));
    EXPECT_NE(all.find(c.expected), std::string::npos) << c.what << ":\n" << all;
  }
  // A whole number of cores is core points to Cuebot: "4" would reserve one core, not four.
  EXPECT_EQ(cuebotCorePoints("4"), 100);
  EXPECT_EQ(cuebotCorePoints("4.0"), 400);
  EXPECT_EQ(cuebotCorePoints("0.5"), 50);
}
