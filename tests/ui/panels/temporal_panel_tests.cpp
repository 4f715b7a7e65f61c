// The workstation's temporal QC: the viewer's B measured against A along the source's
// motion, per frame and per shot, split at the project's cuts.
#include <gtest/gtest.h>

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <cmath>
#include <filesystem>

#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/match/mapping.h"
#include "core/workflow/project_layout.h"
#include "tests/support/test_support.h"
#include "tests/ui/panels/panel_test_support.h"
#include "ui/jobs/worker_job.h"
#include "ui/panels/common/custom_plot.h"
#include "ui/panels/temporal/temporal_panel.h"
#include "ui/session/session.h"

using namespace filmrecover;
using namespace filmrecover::ui;

namespace {

//! A textured picture panning one pixel a frame; `flicker` adds a colour cast that flips
//! sign every frame (what an unsteady chroma recovery looks like).
void writePan(const std::string& folder, int frames, double flicker) {
  std::filesystem::create_directories(folder);
  for (int f = 1; f <= frames; ++f) {
    Image image(96, 64, 3);
    const double cast = (f % 2 ? 1 : -1) * flicker;
    for (int y = 0; y < image.height; ++y)
      for (int x = 0; x < image.width; ++x) {
        const double v = 0.5 + 0.25 * std::sin(0.31 * (x - f)) * std::cos(0.27 * y) + 0.1 * std::sin(0.07 * (x + y - f));
        image.at(x, y, 0) = static_cast<float>(v + cast);
        image.at(x, y, 1) = static_cast<float>(v * 0.9);
        image.at(x, y, 2) = static_cast<float>(v * 0.8 - cast);
      }
    char name[64];
    std::snprintf(name, sizeof name, "/f.%04d.exr", f);
    writeImageAtomic(folder + name, image);
  }
}

double meanOf(const QCPGraph* graph) {
  double sum = 0;
  int n = 0;
  for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it, ++n) sum += it->value;
  return n ? sum / n : 0;
}

}  // namespace

TEST(TemporalPanel, AFlickeringRestorationStandsOutPerFrameAndPerShot) {
  test::panelTestApp();
  test::TempDir dir("temporal-panel");
  writePan(dir.file("source"), 12, 0.0);
  writePan(dir.file("restored"), 12, 0.04);
  // A project whose mapping puts a cut at frame 7: no measure spans it.
  const auto layout = workflow::ProjectLayout::at(dir.file("project"));
  std::filesystem::create_directories(layout.root);
  match::Mapping mapping;
  mapping.sourceCuts = {7};
  match::writeMapping(mapping, layout.mapping());

  Session session;
  session.setProjectDir(QString::fromStdString(layout.root));
  session.setSource(SourceRole::Source, FrameSource::open(dir.file("source/f.####.exr")));
  session.setSource(SourceRole::Restored, FrameSource::open(dir.file("restored/f.####.exr")));
  session.setCompareRoles(SourceRole::Source, SourceRole::Restored);
  TemporalPanel panel(&session);
  QSignalSpy finished(panel.job(), &WorkerJob::finished);
  QSignalSpy failed(panel.job(), &WorkerJob::failed);
  QTest::mouseClick(panel.measureButton(), Qt::LeftButton);
  ASSERT_TRUE(test::waitUntil([&] { return finished.count() == 1; }, 60000));
  ASSERT_EQ(failed.count(), 0) << failed.at(0).at(0).toString().toStdString();

  ASSERT_GE(panel.plot()->graphCount(), 2);
  const double restored = meanOf(panel.plot()->graph(0)), source = meanOf(panel.plot()->graph(1));
  EXPECT_GT(restored, 20 * source) << "the flicker of B shows in its chroma warping error";
  EXPECT_EQ(panel.plot()->graph(0)->dataCount(), 10) << "11 pairs less the one across the cut";
  ASSERT_EQ(panel.shotTable()->rowCount(), 2);
  EXPECT_EQ(panel.shotTable()->item(0, 1)->text(), QStringLiteral("1-6"));
  EXPECT_EQ(panel.shotTable()->item(1, 1)->text(), QStringLiteral("7-12"));
  EXPECT_TRUE(panel.summaryText().contains(QStringLiteral("restored"))) << panel.summaryText().toStdString();

  // Without B there is nothing to judge: said, not started.
  session.setSource(SourceRole::Restored, nullptr);
  QSignalSpy error(&panel, &TemporalPanel::errorOccurred);
  EXPECT_FALSE(panel.measure());
  ASSERT_EQ(error.count(), 1);
  EXPECT_TRUE(error.at(0).at(0).toString().contains(QStringLiteral("needs both A and B")));
}
