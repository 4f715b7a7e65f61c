// The loss plot: live points, smoothing, log scale, several runs, CSV and PNG export.
#include <gtest/gtest.h>

#include <QFile>
#include <QElapsedTimer>
#include <QImage>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <cmath>

#include "tests/ui/panels/panel_test_support.h"
#include "tests/support/test_support.h"
#include "ui/panels/train/loss_plot.h"

using namespace filmrecover;
using namespace filmrecover::ui;

class LossPlotTest : public ::testing::Test {
 protected:
  void SetUp() override { test::panelTestApp(); }
};

TEST_F(LossPlotTest, LivePointsAreDrawnInBatches) {
  LossPlot plot;
  plot.resize(640, 360);
  plot.show();
  const int before = plot.replotCount();
  for (int step = 1; step <= 500; ++step) plot.addPoint(1, QStringLiteral("loss"), step, 0.1 * std::pow(0.99, step));
  ASSERT_TRUE(test::waitUntil([&] { return plot.replotCount() > before; }, 3000));
  EXPECT_LT(plot.replotCount() - before, 10) << "500 points must not mean 500 redraws";
  EXPECT_EQ(plot.samples(1, QStringLiteral("loss")).size(), 500u);
  EXPECT_EQ(plot.graphCount(), 1);
  // The log axis spans the data: 0.1 .. 6.6e-4.
  EXPECT_EQ(plot.yAxis->scaleType(), QCPAxis::stLogarithmic);
  EXPECT_LT(plot.yAxis->range().lower, 1.5e-3);
  EXPECT_GT(plot.yAxis->range().upper, 0.05);
}

TEST_F(LossPlotTest, SmoothingFollowsTheTrendAndRawValuesAreKept) {
  LossPlot plot;
  plot.setSmoothing(0.0);
  // A noisy constant: 1e-2 with +-50 % alternating spikes.
  for (int step = 0; step < 200; ++step) plot.addPoint(7, QStringLiteral("loss"), step, step % 2 ? 0.015 : 0.005);
  auto spread = [&]() {
    const QCPGraph* g = plot.graph(0);
    double lo = 1e9, hi = 0;
    for (auto it = g->data()->constBegin() + 100; it != g->data()->constEnd(); ++it) {
      lo = std::min(lo, it->value);
      hi = std::max(hi, it->value);
    }
    return hi / lo;
  };
  EXPECT_NEAR(spread(), 3.0, 1e-6);
  plot.setSmoothing(0.95);
  EXPECT_LT(spread(), 1.2) << "smoothing removes the alternating spikes";
  EXPECT_NEAR(plot.graph(0)->data()->at(150)->value, std::sqrt(0.015 * 0.005), 0.002)
      << "log-space smoothing centres on the geometric mean";
  EXPECT_DOUBLE_EQ(plot.samples(7, QStringLiteral("loss"))[1].second, 0.015) << "raw values kept";
}

TEST_F(LossPlotTest, RunsOverlayAndExport) {
  test::TempDir dir("loss-plot");
  LossPlot plot;
  plot.resize(800, 400);
  plot.setSeries(1, QStringLiteral("loss"), {{1, 0.1}, {2, 0.05}, {3, 0.02}});
  plot.setSeries(1, QStringLiteral("holdout_loss"), {{3, 0.03}});
  plot.setSeries(2, QStringLiteral("loss"), {{1, 0.2}, {2, 0.1}});
  EXPECT_EQ(plot.graphCount(), 3);
  EXPECT_EQ(plot.runs(), (std::vector<qint64>{1, 2}));
  EXPECT_NE(plot.graph(0)->pen().color(), plot.graph(2)->pen().color()) << "runs differ in colour";

  const QString csv = QString::fromStdString(dir.file("loss.csv"));
  ASSERT_TRUE(plot.exportCsv(csv));
  QFile f(csv);
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  const QStringList lines = QString::fromUtf8(f.readAll()).trimmed().split(QLatin1Char('\n'));
  ASSERT_EQ(lines.size(), 1 + 3 + 1 + 2);
  EXPECT_EQ(lines[0], QStringLiteral("run,metric,step,value"));
  EXPECT_TRUE(lines.contains(QStringLiteral("1,holdout_loss,3,0.03")));
  EXPECT_TRUE(lines.contains(QStringLiteral("2,loss,2,0.1")));

  const QString png = QString::fromStdString(dir.file("loss.png"));
  ASSERT_TRUE(plot.exportPng(png));
  QImage image(png);
  ASSERT_FALSE(image.isNull());
  EXPECT_GE(image.width(), 800);

  plot.removeRun(1);
  EXPECT_EQ(plot.graphCount(), 1);
  plot.setLogScale(false);
  EXPECT_EQ(plot.yAxis->scaleType(), QCPAxis::stLinear);
}

TEST_F(LossPlotTest, ALongRunRedrawsInBoundedTime) {
  // A long run (100,000 steps, a hold-out point every 100) next to an overlaid earlier run:
  // each live redraw must stay far under the 100 ms the interface may freeze for.
  LossPlot plot;
  plot.resize(900, 300);
  plot.show();
  for (qint64 run : {1, 2})
    for (int step = 1; step <= 100000; ++step) {
      const double loss = 0.1 * std::pow(0.99997, step) * (1.0 + 0.3 * std::sin(step * 0.7));
      plot.addPoint(run, QStringLiteral("train_loss"), step, loss);
      if (step % 100 == 0) plot.addPoint(run, QStringLiteral("holdout_loss"), step, loss * 1.2);
    }
  ASSERT_TRUE(test::waitUntil([&] { return plot.replotCount() > 0; }, 5000));
  QTest::qWait(150);  // the first redraw after a bulk load lays out the axes
  // Live: a batch of points, then the redraw the timer runs (axes fitted to the new points,
  // curves drawn), here synchronous so it can be timed.
  QElapsedTimer clock;
  qint64 worst = 0, total = 0;
  constexpr int kRedraws = 5;
  for (int i = 0; i < kRedraws; ++i) {
    for (int step = 100001 + i * 10; step < 100011 + i * 10; ++step)
      plot.addPoint(1, QStringLiteral("train_loss"), step, 0.005);
    const int before = plot.replotCount();
    clock.start();
    plot.redraw(QCustomPlot::rpImmediateRefresh);
    const qint64 ms = clock.elapsed();
    worst = std::max(worst, ms);
    total += ms;
    EXPECT_GT(plot.replotCount(), before);
  }
  std::printf("[ measure ] loss plot, 2 runs x 100,000 steps: redraw mean %.1f ms, worst %lld ms\n",
              double(total) / kRedraws, (long long)worst);
  if (test::kTimingBudgetsApply) {
    EXPECT_LT(worst, 50);
  }
}

TEST_F(LossPlotTest, LogAxisTicksOfANarrowRangeDoNotCrowd) {
  LossPlot plot;
  auto ticksOf = [&](double lower, double upper) {
    QVector<double> ticks, subTicks;
    QVector<QString> labels;
    plot.yAxis->ticker()->generate(QCPRange(lower, upper), QLocale::c(), QLatin1Char('e'), 0, ticks, &subTicks, &labels);
    return ticks;
  };
  auto same = [](const QVector<double>& got, const QVector<double>& want) {
    if (got.size() != want.size()) return false;
    for (int i = 0; i < got.size(); ++i)
      if (std::abs(got[i] / want[i] - 1) > 1e-9) return false;
    return true;
  };
  // Under a decade (a typical loss curve with headroom): 1, 2, 5 x 10^k, not linear steps
  // that bunch up at the top of a log axis.
  EXPECT_TRUE(same(ticksOf(0.012, 0.08), {0.02, 0.05}));
  EXPECT_TRUE(same(ticksOf(0.003, 0.04), {0.005, 0.01, 0.02}));
  // Narrower still: every integer mantissa.
  EXPECT_TRUE(same(ticksOf(0.0105, 0.0305), {0.02, 0.03}));
  // Several decades: powers of ten, as QCustomPlot's log ticker does.
  const QVector<double> decades = ticksOf(1e-4, 1.0);
  ASSERT_GE(decades.size(), 3);
  for (double t : decades) EXPECT_NEAR(std::log10(t), std::round(std::log10(t)), 1e-9);
}
