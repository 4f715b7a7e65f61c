// filmrecover-cli compare and grade, driven as a pipeline would.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/io/image_writer.h"
#include "tests/support/test_support.h"

using filmrecover::Image;
using filmrecover::test::runCli;
using filmrecover::test::TempDir;

namespace {

// A smooth colour field (frame-dependent phase) and a known global "fade" of it.
Image field(int f) {
  Image img(80, 60, 3);
  for (int y = 0; y < 60; ++y)
    for (int x = 0; x < 80; ++x) {
      const float u = x / 79.0f, v = y / 59.0f;
      img.at(x, y, 0) = 0.5f + 0.45f * std::sin(5 * u + 0.7f * f);
      img.at(x, y, 1) = 0.5f + 0.45f * std::sin(4 * v + 1.1f * f + 2 * u);
      img.at(x, y, 2) = 0.5f + 0.45f * std::cos(3 * (u + v) + 0.5f * f);
    }
  return img;
}

Image faded(const Image& in) {
  Image out = in;
  for (size_t i = 0; i < in.pixelCount(); ++i) {
    float* p = &out.pixels[i * 3];
    const float r = p[0], g = p[1], b = p[2];
    p[0] = 0.7f * r + 0.2f * g + 0.1f * b;
    p[1] = std::pow(0.1f * r + 0.8f * g + 0.1f * b, 1.2f);
    p[2] = 0.1f + 0.6f * b + 0.2f * g;
  }
  return out;
}

void writeFrames(const TempDir& dir, const std::string& name, bool fade) {
  filmrecover::WriteOptions o;
  o.exrDataType = "float";
  for (int f = 1; f <= 5; ++f) {
    char file[64];
    std::snprintf(file, sizeof file, "%s.%04d.exr", name.c_str(), f);
    filmrecover::writeImageAtomic(dir.file(file), fade ? faded(field(f)) : field(f), o);
  }
}

}  // namespace

TEST(CompareCommand, JsonHasPerFrameMeanFlickerAndGrain) {
  TempDir dir("cmp");
  writeFrames(dir, "ref", false);
  writeFrames(dir, "src", true);
  const auto r = runCli({"compare", dir.file("src.####.exr"), dir.file("ref.####.exr"), "--source",
                         dir.file("src.####.exr"), "--json", "-q"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["frames"].size(), 5u);
  EXPECT_EQ(j["mean"]["frames"], 5);
  EXPECT_LT(j["mean"]["psnr_rgb"].get<double>(), 30.0);
  EXPECT_DOUBLE_EQ(j["mean"]["luma_identity_max"].get<double>(), 0.0) << "A is the source itself";
  EXPECT_EQ(j["flicker"]["pairs"].size(), 4u);
  EXPECT_EQ(j["flicker"]["motion_guide"], "source");
}

TEST(CompareCommand, DamagedFramesAreLeftOutNamedAndExitTwo) {
  TempDir dir("cmp-damaged");
  writeFrames(dir, "ref", false);
  writeFrames(dir, "src", true);
  // Frame 3 of A cut short (an interrupted copy): measured without it, flicker not across it.
  const std::string cut = dir.file("src.0003.exr");
  std::filesystem::resize_file(cut, std::filesystem::file_size(cut) / 3);
  const auto r = runCli({"compare", dir.file("src.####.exr"), dir.file("ref.####.exr"), "--json", "--no-grain"});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find(cut), std::string::npos) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["mean"]["frames"], 4);
  ASSERT_EQ(j["skipped"].size(), 1u);
  EXPECT_EQ(j["skipped"][0]["frame"], 3);
  for (const auto& p : j["flicker"]["pairs"]) EXPECT_NE(p["frame"], 4) << "a step measured across the damaged frame";
}

TEST(CompareCommand, TableAndBadFrameMessage) {
  TempDir dir("cmp");
  writeFrames(dir, "ref", false);
  const auto same = runCli({"compare", dir.file("ref.####.exr"), dir.file("ref.####.exr"), "--frames", "2-3", "--no-grain"});
  ASSERT_EQ(same.exitCode, 0) << same.err;
  EXPECT_NE(same.out.find("mean"), std::string::npos);
  EXPECT_NE(same.out.find("100.00"), std::string::npos) << same.out;
  const auto missing = runCli({"compare", dir.file("ref.####.exr"), dir.file("ref.####.exr"), "--frames", "9"});
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.err.find("frame 9"), std::string::npos) << missing.err;
}

TEST(GradeCommand, FitsAppliesAndExportsTheMatchGrade) {
  TempDir dir("grd");
  writeFrames(dir, "ref", false);
  writeFrames(dir, "src", true);
  const auto r = runCli({"grade", "--input", dir.file("src.####.exr"), "--target", dir.file("ref.####.exr"), "--frames",
                         "1,3,5", "-o", dir.file("out/graded.####.exr"), "--lut-size", "17", "--cube",
                         dir.file("grade.cube"), "--json", "-q"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["frames_written"], 5);
  EXPECT_EQ(j["lut"]["size"], 17);
  EXPECT_TRUE(std::filesystem::exists(dir.file("grade.cube")));
  // The graded held-out frames now match the reference.
  const auto cmp = runCli({"compare", dir.file("out/graded.####.exr"), dir.file("ref.####.exr"), "--frames", "2,4",
                           "--json", "-q", "--no-temporal", "--no-grain"});
  ASSERT_EQ(cmp.exitCode, 0) << cmp.err;
  EXPECT_GT(nlohmann::json::parse(cmp.out)["mean"]["psnr_rgb"].get<double>(), 38.0) << cmp.out;
}

TEST(GradeCommand, BadFlagsAreBadUsage) {
  TempDir dir("grd");
  writeFrames(dir, "ref", false);
  const auto crop = runCli({"grade", "--input", dir.file("ref.####.exr"), "--target", dir.file("ref.####.exr"), "--frames",
                            "1", "-o", dir.file("o.####.exr"), "--crop", "10,10,5,5"});
  EXPECT_EQ(crop.exitCode, 1);
  EXPECT_NE(crop.err.find("--crop"), std::string::npos) << crop.err;
  const auto size = runCli({"grade", "--input", dir.file("ref.####.exr"), "--target", dir.file("ref.####.exr"), "--frames",
                            "1", "-o", dir.file("o.####.exr"), "--lut-size", "1"});
  EXPECT_EQ(size.exitCode, 1);
  EXPECT_NE(size.err.find("--lut-size"), std::string::npos) << size.err;
}

namespace {

// Frames 1-8 drift slowly over one smooth picture, 9-16 over another laid out differently:
// a hard cut before 9.
void writeTwoShots(const TempDir& dir, const std::string& name) {
  filmrecover::WriteOptions o;
  o.exrDataType = "float";
  for (int f = 1; f <= 16; ++f) {
    Image img(96, 64, 3);
    for (int y = 0; y < 64; ++y)
      for (int x = 0; x < 96; ++x) {
        const float u = x / 95.0f + 0.01f * f, v = y / 63.0f;
        const float l = f < 9 ? 0.5f + 0.4f * std::sin(3 * u) * std::cos(2 * v) : 0.5f + 0.4f * std::sin(5 * v) * std::cos(4 * u + 1);
        img.at(x, y, 0) = l, img.at(x, y, 1) = 0.9f * l, img.at(x, y, 2) = 0.8f * l + 0.1f;
      }
    char file[64];
    std::snprintf(file, sizeof file, "%s.%04d.exr", name.c_str(), f);
    filmrecover::writeImageAtomic(dir.file(file), img, o);
  }
}

}  // namespace

TEST(CompareCommand, CutsAreFoundOnTheSourceAndNoTemporalMeasureSpansOne) {
  TempDir dir("cmp-cuts");
  writeTwoShots(dir, "ref");
  const std::string ref = dir.file("ref.####.exr");
  const auto r = runCli({"compare", ref, ref, "--source", ref, "--no-grain", "--no-delta-e", "--json", "-q"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["cuts"].size(), 1u) << j["cuts"].dump();
  EXPECT_EQ(j["cuts"][0], 9);
  EXPECT_EQ(j["flicker"]["pairs"].size(), 14u);  // 15 consecutive pairs less the one across the cut
  for (const auto& p : j["flicker"]["pairs"]) EXPECT_NE(p["frame"], 9);
  ASSERT_EQ(j["shots"].size(), 2u);
  EXPECT_EQ(j["shots"][1]["first"], 9);
  EXPECT_TRUE(j["cdc"]["a"]["cdc"].is_number());
  EXPECT_TRUE(j["cdc"].contains("source"));
  // One shot when told so; a bad frame set names the flag.
  const auto none = runCli({"compare", ref, ref, "--cuts", "none", "--no-grain", "--no-delta-e", "--json", "-q"});
  ASSERT_EQ(none.exitCode, 0) << none.err;
  EXPECT_EQ(nlohmann::json::parse(none.out)["flicker"]["pairs"].size(), 15u);
  const auto bad = runCli({"compare", ref, ref, "--cuts", "x9", "--no-grain"});
  EXPECT_EQ(bad.exitCode, 1);
  EXPECT_NE(bad.err.find("--cuts"), std::string::npos) << bad.err;
}
