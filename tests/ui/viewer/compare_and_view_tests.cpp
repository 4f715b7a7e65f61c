// Compare modes, zoom/pan maths and the CPU composite: plain data, no GPU.
#include <gtest/gtest.h>

#include "ui/viewer/compare_settings.h"
#include "ui/viewer/cpu_composite.h"
#include "ui/viewer/view_transform.h"

using namespace filmrecover;
using namespace filmrecover::ui;

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
}  // namespace

TEST(CompareSettings, TabFlipsAAndBAndSwapsTwoInputModes) {
  CompareSettings c;
  EXPECT_EQ(c.toggled().mode, CompareMode::B);
  EXPECT_EQ(c.toggled().toggled().mode, CompareMode::A);
  c.mode = CompareMode::Wipe;
  EXPECT_TRUE(c.toggled().swapped);
  EXPECT_EQ(c.toggled().mode, CompareMode::Wipe);
  EXPECT_FALSE(c.toggled().toggled().swapped);
}

TEST(CompareSettings, WipeSplitsAtItsPositionAndAngle) {
  CompareSettings c;
  c.mode = CompareMode::Wipe;
  c.wipeX = 0.5;
  EXPECT_TRUE(c.wipeShowsA(10, 50, 100, 100));
  EXPECT_FALSE(c.wipeShowsA(90, 50, 100, 100));
  c.wipeX = 0.2;
  EXPECT_FALSE(c.wipeShowsA(30, 50, 100, 100));
  // 90 degrees: a horizontal line, A above.
  c.wipeX = 0.5;
  c.wipeAngle = 90;
  EXPECT_TRUE(c.wipeShowsA(90, 10, 100, 100));
  EXPECT_FALSE(c.wipeShowsA(10, 90, 100, 100));
  // 45 degrees: the diagonal, in pixel space even on a wide frame.
  c.wipeAngle = 45;
  EXPECT_TRUE(c.wipeShowsA(0, 0, 200, 100));
  EXPECT_FALSE(c.wipeShowsA(199, 99, 200, 100));
  EXPECT_TRUE(c.wipeShowsA(100 - 20, 50 - 19, 200, 100) == c.wipeShowsA(100 - 40, 50 + 2, 200, 100));
}

TEST(CompareSettings, SideBySideDoublesTheCanvas) {
  CompareSettings c;
  EXPECT_EQ(c.canvasFrames(), 1);
  c.mode = CompareMode::SideBySide;
  EXPECT_EQ(c.canvasFrames(), 2);
  EXPECT_TRUE(c.needsA());
  EXPECT_TRUE(c.needsB());
  c.mode = CompareMode::A;
  EXPECT_FALSE(c.needsB());
}

TEST(ViewTransform, FitCentresAndScalesToTheWidget) {
  const ViewTransform t = ViewTransform::fit(QSizeF(2000, 1000), QSizeF(1000, 1000));
  EXPECT_NEAR(t.zoom, 0.5 * 0.96, 1e-9);
  const QPointF mid = t.canvasToWidget(QPointF(1000, 500), QSizeF(1000, 1000));
  EXPECT_NEAR(mid.x(), 500, 1e-9);
  EXPECT_NEAR(mid.y(), 500, 1e-9);
}

TEST(ViewTransform, WheelZoomKeepsThePointUnderTheCursor) {
  const QSizeF widget(800, 600);
  ViewTransform t = ViewTransform::fit(QSizeF(1920, 1080), widget);
  const QPointF cursor(123, 456);
  const QPointF before = t.widgetToCanvas(cursor, widget);
  const ViewTransform z = t.zoomedAround(cursor, 2.0, widget);
  EXPECT_NEAR(z.zoom, t.zoom * 2.0, 1e-12);
  const QPointF after = z.widgetToCanvas(cursor, widget);
  EXPECT_NEAR(after.x(), before.x(), 1e-9);
  EXPECT_NEAR(after.y(), before.y(), 1e-9);
  EXPECT_FALSE(z.fitting);
}

TEST(ViewTransform, PanMovesTheCanvasWithTheMouse) {
  const QSizeF widget(800, 600);
  const ViewTransform t = ViewTransform::actualPixels(QSizeF(800, 600));
  const ViewTransform p = t.panned(QPointF(10, -5));
  const QPointF w = p.canvasToWidget(QPointF(400, 300), widget);
  EXPECT_NEAR(w.x(), 410, 1e-9);
  EXPECT_NEAR(w.y(), 295, 1e-9);
}

TEST(CpuComposite, WipeAtHalfShowsAOnTheLeftAndBOnTheRight) {
  const Image a = solid(64, 32, 1, 0, 0), b = solid(64, 32, 0, 0, 1);
  CompareSettings c;
  c.mode = CompareMode::Wipe;
  const Image out = compositeDisplayed(a, b, c, {}, 1024);
  EXPECT_EQ(out.at(10, 16, 0), 1.0f);
  EXPECT_EQ(out.at(10, 16, 2), 0.0f);
  EXPECT_EQ(out.at(50, 16, 0), 0.0f);
  EXPECT_EQ(out.at(50, 16, 2), 1.0f);
  c.swapped = true;
  EXPECT_EQ(compositeDisplayed(a, b, c, {}, 1024).at(10, 16, 2), 1.0f);
}

TEST(CpuComposite, DifferenceOfEqualFramesIsBlackAndGainScales) {
  const Image a = solid(16, 16, 0.3f, 0.5f, 0.7f);
  CompareSettings c;
  c.mode = CompareMode::Difference;
  const Image same = compositeDisplayed(a, a, c, {}, 1024);
  for (float v : same.pixels) EXPECT_EQ(v, 0.0f);
  c.differenceGain = 4;
  const Image diff = compositeDisplayed(a, solid(16, 16, 0.3f, 0.5f, 0.6f), c, {}, 1024);
  EXPECT_NEAR(diff.at(3, 3, 2), 0.4f, 1e-5f);
  EXPECT_NEAR(diff.at(3, 3, 0), 0.0f, 1e-6f);
}

TEST(CpuComposite, SideBySideAndDecimation) {
  const Image a = solid(400, 200, 1, 0, 0), b = solid(200, 100, 0, 1, 0);
  CompareSettings c;
  c.mode = CompareMode::SideBySide;
  const Image out = compositeDisplayed(a, b, c, {}, 200);
  EXPECT_EQ(out.width, 200);   // two frames of 100
  EXPECT_EQ(out.height, 50);
  EXPECT_EQ(out.at(20, 20, 0), 1.0f);
  EXPECT_EQ(out.at(150, 20, 1), 1.0f);  // B stretched over A's frame
}

TEST(CpuComposite, DisplayFunctionAppliesToBothInputs) {
  const Image a = solid(8, 8, 0.25f, 0.25f, 0.25f);
  CompareSettings c;
  c.mode = CompareMode::Wipe;
  const Image out = compositeDisplayed(a, a, c, [](Image& img) {
    for (float& v : img.pixels) v *= 2;
  }, 64);
  EXPECT_FLOAT_EQ(out.at(1, 1, 0), 0.5f);
  EXPECT_FLOAT_EQ(out.at(7, 1, 0), 0.5f);
}
