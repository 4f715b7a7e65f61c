#include <gtest/gtest.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/io/image_writer.h"
#include "core/io/provenance.h"
#include "core/model/model_container.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using test::runCli;

namespace {

// A tiny trained chroma model and two source frames.
void prepare(const test::TempDir& dir) {
  WriteOptions o;
  o.exrDataType = "float";
  for (int f = 1; f <= 3; ++f) {
    char s[32];
    std::snprintf(s, sizeof s, "src.%04d.exr", f);
    writeImageAtomic(dir.file(s), test::makeTestPattern(64, 48, f), o);
  }
  auto r = runCli({"train", "--mode", "chroma", "--input", dir.file("src.####.exr"), "--target",
                   dir.file("src.####.exr"), "--frames", "1-2", "-o", dir.file("m.frm"), "--size",
                   "S", "--steps", "3", "--crop", "32", "--batch", "1", "--threads", "1",
                   "--preview-every", "0"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
}

}  // namespace

TEST(RenderCommand, RendersFramesWithProvenanceAndSkipsExisting) {
  test::TempDir dir("cli-render");
  prepare(dir);
  auto r = runCli({"render", "--model", dir.file("m.frm"), "--input", dir.file("src.####.exr"), "-o",
                   dir.file("out/r.####.exr"), "--frames", "2-3", "--threads", "1", "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["rendered"], 2);
  // EXR's typed header fields copied from the source frame do not make OpenEXR complain.
  EXPECT_EQ(r.err.find("OIIO DEBUG"), std::string::npos) << r.err;
  const Image out = readImageFile(dir.file("out/r.0003.exr"));
  EXPECT_EQ(provenanceOf(out.attributes).at("recoveryType"), "chroma");
  r = runCli({"render", "--model", dir.file("m.frm"), "--input", dir.file("src.####.exr"), "-o",
              dir.file("out/r.####.exr"), "--skip-existing", "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["rendered"], 1);
  EXPECT_EQ(j["skipped"], 2);
}

TEST(RenderCommand, AModelFromBeforeTheSealRendersWithANote) {
  test::TempDir dir("cli-render");
  prepare(dir);
  auto r = runCli({"render", "--model", dir.file("m.frm"), "--input", dir.file("src.####.exr"), "-o",
                   dir.file("sealed/r.####.exr"), "--frames", "1", "--threads", "1"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.err.find("seal"), std::string::npos) << r.err;
  // The same model without its seal line, as models were written before it.
  std::filesystem::resize_file(dir.file("m.frm"), std::filesystem::file_size(dir.file("m.frm")) - kModelSealLength);
  r = runCli({"render", "--model", dir.file("m.frm"), "--input", dir.file("src.####.exr"), "-o",
              dir.file("old/r.####.exr"), "--frames", "1", "--threads", "1", "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.err.find("carries no SHA-256 seal"), std::string::npos) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["modelSealed"], false);
}

TEST(RenderCommand, CorruptModelIsBadInputNamingTheFile) {
  test::TempDir dir("cli-render");
  prepare(dir);
  std::filesystem::resize_file(dir.file("m.frm"), std::filesystem::file_size(dir.file("m.frm")) - 500);
  auto r = runCli({"render", "--model", dir.file("m.frm"), "--input", dir.file("src.####.exr"), "-o",
                   dir.file("out/r.####.exr")});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("m.frm"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("out/r.0001.exr")));
}

// docs/engine.md states the bound: rendering a 4096x2160 frame with the default tiles stays
// under 3 GiB peak resident memory for presets S and M (measured for M: 1.8 GiB bf16, 2.6 GiB
// fp32). Preset S keeps this test fast; the tiles, not the frame, set the network's share.
TEST(RenderCommand, A4KFrameRendersWithinTheStatedMemoryBound) {
  test::TempDir dir("cli-render");
  prepare(dir);
  {
    WriteOptions o;
    o.exrDataType = "half";
    writeImageAtomic(dir.file("uhd.0001.exr"), test::makeTestPattern(4096, 2160, 3), o);
  }
  auto r = runCli({"render", "--model", dir.file("m.frm"), "--input", dir.file("uhd.####.exr"), "-o",
                   dir.file("out/uhd.####.exr"), "--threads", "1"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  const double peakGiB = usage.ru_maxrss / (1024.0 * 1024.0);
  RecordProperty("peak_rss_gib", std::to_string(peakGiB));
  EXPECT_LT(peakGiB, 3.0) << "peak RSS " << peakGiB << " GiB";
  const Image out = readImageFile(dir.file("out/uhd.0001.exr"));
  EXPECT_EQ(out.width, 4096);
  EXPECT_EQ(out.height, 2160);
}
