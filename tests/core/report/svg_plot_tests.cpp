#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "core/report/nice_ticks.h"
#include "core/report/svg_plot.h"

using namespace filmrecover::report;

TEST(NiceTicks, LinearTicksUseOneTwoFiveSteps) {
  const AxisTicks t = linearTicks(0.13, 9.7, 6);
  EXPECT_DOUBLE_EQ(t.min, 0.0);
  EXPECT_DOUBLE_EQ(t.max, 10.0);
  ASSERT_EQ(t.major.size(), 6u);
  EXPECT_EQ(t.labels[1], "2");
  const AxisTicks s = linearTicks(1001, 1240, 6);
  EXPECT_DOUBLE_EQ(s.major[1] - s.major[0], 50.0);
  EXPECT_EQ(s.labels.front(), "1000");
  const AxisTicks f = linearTicks(0.91, 0.99, 5);
  EXPECT_EQ(f.labels.front(), "0.90");
  EXPECT_NEAR(f.major[1] - f.major[0], 0.02, 1e-12);
}

TEST(NiceTicks, DegenerateRangeIsWidened) {
  const AxisTicks t = linearTicks(5, 5);
  EXPECT_LT(t.min, 5.0);
  EXPECT_GT(t.max, 5.0);
}

TEST(NiceTicks, LogTicksPerDecadeWithMinorTicks) {
  const AxisTicks t = logTicks(3e-5, 0.2);
  EXPECT_DOUBLE_EQ(t.min, 1e-5);
  EXPECT_DOUBLE_EQ(t.max, 1.0);
  ASSERT_EQ(t.major.size(), 6u);
  EXPECT_EQ(t.labels.front(), "1e-5");
  EXPECT_EQ(t.labels.back(), "1");
  EXPECT_EQ(t.labels[3], "0.01");
  EXPECT_EQ(t.minor.size(), 5u * 8u);
}

TEST(SvgPlot, DrawsSeriesLegendFlagsAndEscapesText) {
  PlotSpec p;
  p.title = "Loss <train & hold-out>";
  p.x.label = "step";
  p.y.label = "loss";
  p.y.log = true;
  PlotSeries a, b;
  a.name = "train", a.x = {0, 100, 200, 300}, a.y = {1e-1, 1e-2, 3e-3, 1e-3};
  b.name = "hold-out", b.x = {0, 100, 200, 300}, b.y = {2e-1, 2e-2, 8e-3, -1};  // -1: not on a log axis
  p.series = {a, b};
  p.flags.push_back({200, 8e-3, "spike"});
  const std::string svg = renderSvgPlot(p);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("Loss &lt;train &amp; hold-out&gt;"), std::string::npos);
  EXPECT_NE(svg.find(">train</text>"), std::string::npos);
  EXPECT_NE(svg.find(">hold-out</text>"), std::string::npos);
  EXPECT_NE(svg.find(">flagged</text>"), std::string::npos);
  EXPECT_NE(svg.find("<title>spike</title>"), std::string::npos);
  // Two polylines: 4 points and 3 points (the negative value breaks nothing, it is skipped).
  const std::regex path("<path[^>]* d=\"([^\"]*)\"");
  std::vector<std::string> paths;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), path); it != std::sregex_iterator(); ++it)
    paths.push_back((*it)[1]);
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_EQ(std::count(paths[0].begin(), paths[0].end(), 'L'), 3);
  EXPECT_EQ(std::count(paths[1].begin(), paths[1].end(), 'L'), 2);
  EXPECT_NE(svg.find(">1e-3<"), std::string::npos) << "decade labels on the log axis";
}

TEST(SvgPlot, PointsLandWhereTheAxesSay) {
  PlotSpec p;
  p.width = 464;   // plot area 64..448 px wide: 384 px for 0..10
  p.height = 300;  // plot area 34..254 px high
  p.x.fixedRange = p.y.fixedRange = true;
  p.x.min = 0, p.x.max = 10, p.y.min = 0, p.y.max = 1;
  PlotSeries s;
  s.x = {0, 5, 10}, s.y = {0, 0.5, 1};
  s.line = false;
  s.markers = true;
  p.series = {s};
  const std::string svg = renderSvgPlot(p);
  EXPECT_NE(svg.find("cx=\"64.00\" cy=\"254.00\""), std::string::npos);
  EXPECT_NE(svg.find("cx=\"256.00\" cy=\"144.00\""), std::string::npos);
  EXPECT_NE(svg.find("cx=\"448.00\" cy=\"34.00\""), std::string::npos);
}

TEST(SvgPlot, EmptyPlotSaysNoData) {
  PlotSpec p;
  p.title = "nothing";
  EXPECT_NE(renderSvgPlot(p).find("no data"), std::string::npos);
}
