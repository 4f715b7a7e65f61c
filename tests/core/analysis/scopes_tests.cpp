// Scopes: waveform and vectorscope accumulation against values computed by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "core/analysis/scopes.h"

using namespace filmrecover;

namespace {

Image solid(int w, int h, float r, float g, float b) {
  Image img(w, h, 3);
  for (size_t i = 0; i < img.pixelCount(); ++i) {
    img.pixels[i * 3] = r;
    img.pixels[i * 3 + 1] = g;
    img.pixels[i * 3 + 2] = b;
  }
  return img;
}

// The fullest bin of a vectorscope.
std::pair<int, int> peak(const Vectorscope& vs) {
  int bx = 0, by = 0;
  uint32_t best = 0;
  for (int y = 0; y < vs.options.size; ++y)
    for (int x = 0; x < vs.options.size; ++x)
      if (vs.at(x, y) > best) best = vs.at(x, y), bx = x, by = y;
  return {bx, by};
}

const VectorscopeTarget& target(const std::vector<VectorscopeTarget>& all, const std::string& name,
                                float level) {
  for (const auto& t : all)
    if (t.name == name && t.level == level) return t;
  throw std::runtime_error("no target " + name);
}

}  // namespace

TEST(Scopes, Rec709YCbCrOfPrimariesMatchesTheStandard) {
  // Rec.709: red has Cr = +0.5 exactly, blue Cb = +0.5, white Y = 1 with no chroma.
  const YCbCr red = rec709YCbCr(1, 0, 0);
  EXPECT_NEAR(red.y, 0.2126f, 1e-6f);
  EXPECT_NEAR(red.cr, 0.5f, 1e-6f);
  EXPECT_NEAR(red.cb, -0.114572f, 1e-5f);
  const YCbCr blue = rec709YCbCr(0, 0, 1);
  EXPECT_NEAR(blue.cb, 0.5f, 1e-6f);
  const YCbCr white = rec709YCbCr(1, 1, 1);
  EXPECT_NEAR(white.y, 1.0f, 1e-6f);
  EXPECT_NEAR(white.cb, 0.0f, 1e-6f);
  EXPECT_NEAR(white.cr, 0.0f, 1e-6f);
}

TEST(Scopes, TargetsAreComputedFromRgbAt75And100Percent) {
  const auto targets = vectorscopeTargets();
  ASSERT_EQ(targets.size(), 12u);
  const auto& r100 = target(targets, "R", 1.0f);
  const auto& r75 = target(targets, "R", 0.75f);
  EXPECT_NEAR(r100.cr, 0.5f, 1e-6f);
  EXPECT_NEAR(r75.cr, 0.375f, 1e-6f);
  EXPECT_NEAR(r75.cb, 0.75f * r100.cb, 1e-6f);
  // Complementary colours sit opposite each other.
  const auto& cy = target(targets, "Cy", 1.0f);
  EXPECT_NEAR(cy.cb, -r100.cb, 1e-6f);
  EXPECT_NEAR(cy.cr, -r100.cr, 1e-6f);
}

TEST(Scopes, PureRed75LandsOnThe75PercentRedTarget) {
  const Image img = solid(64, 48, 0.75f, 0.0f, 0.0f);
  const Vectorscope vs = computeVectorscope(img);
  EXPECT_EQ(vs.samples, 64u * 48u);
  const auto [px, py] = peak(vs);
  EXPECT_EQ(vs.at(px, py), 64u * 48u);  // all in one bin
  const auto targets = vectorscopeTargets();  // kept: target() returns a reference into it
  const auto& t = target(targets, "R", 0.75f);
  const ScopePoint where = vectorscopePosition(t.cb, t.cr, vs.options);
  EXPECT_NEAR(px, where.x, 1.0);
  EXPECT_NEAR(py, where.y, 1.0);
  // Red is up (positive Cr) and slightly left (negative Cb) of the centre.
  EXPECT_LT(py, vs.options.size / 2);
  EXPECT_LT(px, vs.options.size / 2);
}

TEST(Scopes, NeutralGreyLandsInTheCentre) {
  const Vectorscope vs = computeVectorscope(solid(32, 32, 0.4f, 0.4f, 0.4f));
  const auto [px, py] = peak(vs);
  EXPECT_NEAR(px, vs.options.size / 2.0 - 0.5, 1.0);
  EXPECT_NEAR(py, vs.options.size / 2.0 - 0.5, 1.0);
}

TEST(Scopes, SkinToneFallsNearTheSkinLine) {
  // A typical light skin tone (display-referred) lies within a few degrees of the I line.
  const YCbCr c = rec709YCbCr(0.85f, 0.65f, 0.52f);
  const float angle = std::atan2(c.cr, c.cb) * 180.0f / 3.14159265f;
  EXPECT_NEAR(angle, kSkinToneLineDegrees, 10.0f);
}

TEST(Scopes, GreyRampMakesADiagonalInTheLumaWaveform) {
  const int w = 256, h = 16;
  Image ramp(w, h, 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c) ramp.at(x, y, c) = x / float(w - 1);
  WaveformOptions opt;
  opt.columns = 256;
  opt.levels = 256;
  const Waveform wf = computeWaveform(ramp, opt);
  ASSERT_EQ(wf.channels, 1);
  EXPECT_EQ(wf.samples, uint64_t(w) * h);
  for (int col = 0; col < opt.columns; ++col) {
    // Every sample of this column is in the one level on the diagonal.
    const int expectedLevel = opt.levels - 1 - col;
    EXPECT_EQ(wf.at(0, expectedLevel, col), uint32_t(h)) << "column " << col;
  }
  EXPECT_EQ(wf.clippedHigh, 0u);
  EXPECT_EQ(wf.clippedLow, 0u);
}

TEST(Scopes, ParadeSeparatesChannels) {
  WaveformOptions opt;
  opt.mode = WaveformMode::RgbParade;
  opt.columns = 32;
  opt.levels = 101;
  const Waveform wf = computeWaveform(solid(64, 8, 1.0f, 0.5f, 0.0f), opt);
  ASSERT_EQ(wf.channels, 3);
  EXPECT_EQ(wf.at(0, 0, 10), 16u);    // red at the top (2 pixels x 8 rows per column)
  EXPECT_EQ(wf.at(1, 50, 10), 16u);   // green at half
  EXPECT_EQ(wf.at(2, 100, 10), 16u);  // blue at the bottom
  EXPECT_EQ(wf.at(0, 50, 10), 0u);
}

TEST(Scopes, OutOfRangeValuesAreCountedAsClipped) {
  const Waveform wf = computeWaveform(solid(10, 10, 1.3f, 1.3f, 1.3f));
  EXPECT_EQ(wf.clippedHigh, 100u);
  uint32_t topRow = 0;  // all clamped onto the top row
  for (int col = 0; col < wf.options.columns; ++col) topRow += wf.at(0, 0, col);
  EXPECT_EQ(topRow, 100u);
}

TEST(Scopes, LargeFramesAreDecimated) {
  WaveformOptions opt;
  opt.maxSamples = 10000;
  const Waveform wf = computeWaveform(solid(2048, 1080, 0.5f, 0.5f, 0.5f), opt);
  EXPECT_LE(wf.samples, 10000u);
  EXPECT_GT(wf.samples, 5000u);
  VectorscopeOptions vopt;
  vopt.maxSamples = 10000;
  EXPECT_LE(computeVectorscope(solid(2048, 1080, 0.5f, 0.5f, 0.5f), vopt).samples, 10000u);
}

TEST(Scopes, RenderedWaveformShowsTraceAndGraticule) {
  Image ramp(128, 8, 3);
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 128; ++x)
      for (int c = 0; c < 3; ++c) ramp.at(x, y, c) = x / 127.0f;
  WaveformOptions opt;
  opt.columns = 128;
  opt.levels = 128;
  const Waveform wf = computeWaveform(ramp, opt);
  const Image img = renderWaveform(wf);
  EXPECT_EQ(img.width, 128);
  EXPECT_EQ(img.height, 128);
  // The trace is bright on the diagonal, the background black away from it and the lines.
  EXPECT_GT(img.at(64, 127 - 64, 1), 0.5f);
  EXPECT_EQ(img.at(10, 60, 1), 0.0f);
  // The 100% line on the top row is drawn (dim grey) where there is no trace.
  EXPECT_GT(img.at(5, 0, 0), 0.1f);
  EXPECT_LT(img.at(5, 0, 0), 0.5f);
}

TEST(Scopes, RenderedVectorscopeDrawsTargetsAndTrace) {
  const Vectorscope vs = computeVectorscope(solid(16, 16, 0.0f, 0.0f, 0.75f));
  const Image img = renderVectorscope(vs);
  const auto [px, py] = peak(vs);
  // The trace of a blue image is bluish.
  EXPECT_GT(img.at(px, py, 2), img.at(px, py, 0));
  // The 100% red target box is drawn: some pixel around it is lit.
  const auto targets = vectorscopeTargets();  // kept: target() returns a reference into it
  const auto& t = target(targets, "R", 1.0f);
  const ScopePoint p = vectorscopePosition(t.cb, t.cr, vs.options);
  float lit = 0;
  for (int dy = -4; dy <= 4; ++dy)
    for (int dx = -4; dx <= 4; ++dx)
      lit = std::max(lit, img.at(int(p.x) + dx, int(p.y) + dy, 0));
  EXPECT_GT(lit, 0.2f);
}

TEST(Scopes, RejectsEmptyImages) {
  EXPECT_THROW(computeWaveform(Image()), std::invalid_argument);
  EXPECT_THROW(computeVectorscope(Image(4, 4, 1)), std::invalid_argument);
}
