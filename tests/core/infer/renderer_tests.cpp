#include <gtest/gtest.h>

#include <filesystem>

#include "core/color/ycbcr.h"
#include "core/exec/errors.h"
#include "core/infer/renderer.h"
#include "core/io/frame_defect.h"
#include "core/io/image_writer.h"
#include "core/io/provenance.h"
#include "tests/core/infer/infer_test_models.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

namespace {

void writeSource(const test::TempDir& dir, int first, int last) {
  WriteOptions o;
  o.exrDataType = "float";
  for (int f = first; f <= last; ++f) {
    char name[64];
    std::snprintf(name, sizeof name, "src.%04d.exr", f);
    writeImageAtomic(dir.file(name), test::makeTestPattern(80, 60, f), o);
  }
}

RenderJob job(const test::TempDir& dir, const std::string& model) {
  RenderJob j;
  j.model = model;
  j.input = dir.file("src.####.exr");
  j.output = dir.file("out/rec.####.exr");
  j.write.exrDataType = "float";
  j.infer.threads = 1;
  j.infer.precision = Precision::Float32;
  return j;
}

}  // namespace

TEST(Renderer, RendersFrameSetsWithProvenanceAndLumaIdentity) {
  test::TempDir dir("render");
  writeSource(dir, 1, 5);
  const auto model = test::saveRandomModel(dir.file("c.frm"), RecoveryMode::Chroma);
  RenderJob j = job(dir, model);
  j.frames = {2, 4, 5};
  int events = 0;
  const RenderResult r = renderSequence(j, [&](const ProgressEvent& e) {
    ++events;
    EXPECT_EQ(e.total, 3);
  });
  EXPECT_EQ(r.rendered, 3);
  EXPECT_EQ(events, 3);
  EXPECT_TRUE(r.failedFrames.empty());
  EXPECT_FALSE(std::filesystem::exists(dir.file("out/rec.0001.exr")));
  const Image out = readImageFile(dir.file("out/rec.0004.exr"));
  const Image src = test::makeTestPattern(80, 60, 4);
  const Image oy = rgbToYCbCr(out), sy = rgbToYCbCr(src);
  for (size_t i = 0; i < oy.pixelCount(); ++i) ASSERT_NEAR(oy.pixels[i * 3], sy.pixels[i * 3], 2e-5f);
  const auto prov = provenanceOf(out.attributes);
  EXPECT_EQ(prov.at("recoveryType"), "chroma");
  EXPECT_EQ(prov.at("sourceFrame"), "4");
  EXPECT_EQ(prov.at("trainingFrames"), "1-3");
  EXPECT_EQ(prov.at("holdoutFrames"), "5");
  EXPECT_EQ(prov.at("modelChecksum").size(), 16u);
  EXPECT_NE(out.attributes.at(kDigitalSourceTypeKey).find("TrainedAlgorithmicMedia"), std::string::npos);
}

TEST(Renderer, SkipExistingResumesAndARenderCanFeedAnother) {
  test::TempDir dir("render");
  writeSource(dir, 1, 4);
  const auto chroma = test::saveRandomModel(dir.file("c.frm"), RecoveryMode::Chroma);
  const auto spatial = test::saveRandomModel(dir.file("s.frm"), RecoveryMode::Spatial, 9);
  RenderJob first = job(dir, spatial);
  first.frames = {1, 2};
  EXPECT_EQ(renderSequence(first).rendered, 2);
  first.frames.clear();
  first.skipExisting = true;
  const RenderResult resumed = renderSequence(first);
  EXPECT_EQ(resumed.skipped, 2);
  EXPECT_EQ(resumed.rendered, 2);

  RenderJob second = job(dir, chroma);
  second.input = dir.file("out/rec.####.exr");  // chroma after spatial
  second.output = dir.file("final/f.####.exr");
  EXPECT_EQ(renderSequence(second).rendered, 4);
  const Image f = readImageFile(dir.file("final/f.0003.exr"));
  const auto prov = provenanceOf(f.attributes);
  EXPECT_EQ(prov.at("recoveryType"), "chroma");
  EXPECT_NE(prov.at("previousPassModel").find("s.frm"), std::string::npos);
}

TEST(Renderer, BadRequestsAreInputErrorsBeforeAnyWork) {
  test::TempDir dir("render");
  writeSource(dir, 1, 2);
  const auto model = test::saveRandomModel(dir.file("c.frm"), RecoveryMode::Chroma);
  RenderJob j = job(dir, model);
  j.frames = {7, 9};  // none of the frames asked for exists
  EXPECT_THROW(renderSequence(j), InputError);
  EXPECT_FALSE(std::filesystem::exists(dir.file("out")));
  j = job(dir, model);
  j.output = dir.file("src.####.exr");
  EXPECT_THROW(renderSequence(j), InputError);
  j = job(dir, dir.file("missing.frm"));
  EXPECT_THROW(renderSequence(j), InputError);
}

TEST(Renderer, AMissingFrameAskedForIsNamedAndTheOthersRender) {
  test::TempDir dir("render");
  writeSource(dir, 1, 2);
  const auto model = test::saveRandomModel(dir.file("c.frm"), RecoveryMode::Chroma);
  RenderJob j = job(dir, model);
  j.frames = {1, 7};
  const RenderResult r = renderSequence(j);
  EXPECT_EQ(r.rendered, 1);
  EXPECT_EQ(r.failedFrames, std::vector<int>{7});
  ASSERT_EQ(r.defects.size(), 1u);
  EXPECT_EQ(r.defects[0].kind, defect::kMissing);
  EXPECT_NE(r.failures[0].find("frame 7"), std::string::npos) << r.failures[0];
  EXPECT_TRUE(std::filesystem::exists(dir.file("out/rec.0001.exr")));
}

TEST(Renderer, CancelStopsAndKeepsFinishedFrames) {
  test::TempDir dir("render");
  writeSource(dir, 1, 12);
  const auto model = test::saveRandomModel(dir.file("c.frm"), RecoveryMode::Chroma);
  CancelToken cancel;
  RenderJob j = job(dir, model);
  EXPECT_THROW(renderSequence(j, [&](const ProgressEvent& e) {
                 if (e.done == 1) cancel.cancel();
               }, cancel),
               CancelledError);
  int written = 0;
  for (int f = 1; f <= 12; ++f) {
    char name[64];
    std::snprintf(name, sizeof name, "out/rec.%04d.exr", f);
    if (std::filesystem::exists(dir.file(name))) {
      ++written;
      EXPECT_NO_THROW(readImageFile(dir.file(name)));
    }
  }
  EXPECT_GE(written, 1);
  EXPECT_LT(written, 12);
}
