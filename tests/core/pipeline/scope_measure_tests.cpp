// The scope stage measures the film's model as the render will apply it: with the chroma
// guide, or without it under recover --no-chroma-guide.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "core/infer/frame_predictor.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/pipeline/scope_measure.h"
#include "tests/core/infer/infer_test_models.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::pipeline;

TEST(ScopeMeasure, TheFilmsModelIsMeasuredAsItWillRenderWithOrWithoutTheChromaGuide) {
  test::TempDir dir("scope-measure");
  WriteOptions exr;
  exr.exrDataType = "float";
  for (int f = 1; f <= 2; ++f) {
    char name[64];
    std::snprintf(name, sizeof name, "src.%04d.exr", f);
    writeImageAtomic(dir.file(name), test::makeTestPattern(96, 64, static_cast<unsigned>(f)), exr);
    std::snprintf(name, sizeof name, "ref.%04d.exr", f);
    writeImageAtomic(dir.file(name), test::makeTestPattern(96, 64, static_cast<unsigned>(f + 10)), exr);
  }
  const auto source = FrameSource::open(dir.file("src.####.exr")), aligned = FrameSource::open(dir.file("ref.####.exr"));
  const std::string model = test::saveRandomModel(dir.file("c.frm"), RecoveryMode::Chroma);
  const Rect crop{0, 0, 96, 64};
  ErrorMeasure guided;
  guided.block = 1;  // at full resolution, where the guide's work shows
  ErrorMeasure plain = guided;
  plain.chromaGuide = false;
  const auto withGuide = modelErrors(model, *source, *aligned, {1, 2}, crop, guided, 1);
  const auto without = modelErrors(model, *source, *aligned, {1, 2}, crop, plain, 1);
  ASSERT_EQ(withGuide.size(), 2u);
  ASSERT_EQ(without.size(), 2u);
  for (int k = 0; k < 2; ++k) {
    InferSettings s;
    s.threads = 1;
    if (k == 1) s.chromaGuide.radius = 0;
    const FramePredictor p(model, s);
    const auto& measured = k == 0 ? withGuide : without;
    const double expected = frameError(p.process(source->read(1)), aligned->read(1), crop, k == 0 ? guided : plain).error;
    EXPECT_NEAR(measured[0].error, expected, 1e-9) << (k == 0 ? "with" : "without") << " the guide";
  }
  EXPECT_GT(std::abs(withGuide[0].error - without[0].error), 1e-4) << "the guide made no difference to measure";
}
