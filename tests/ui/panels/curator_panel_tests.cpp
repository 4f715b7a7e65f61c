// The contact-sheet curator: thousands of pairs stay smooth (virtualized grid, thumbnails on
// workers), keyboard marks land in the catalog, the suggestion keeps the operator's marks.
#include <gtest/gtest.h>

#include <QAbstractItemView>
#include <QElapsedTimer>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <algorithm>
#include <filesystem>
#include <set>

#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/io/output_pattern.h"
#include "core/match/mapping.h"
#include "core/synth/scenario.h"
#include "tests/support/test_support.h"
#include "tests/ui/panels/panel_test_support.h"
#include "ui/jobs/worker_job.h"
#include "ui/panels/curate/curator_panel.h"
#include "ui/panels/curate/pair_sheet_model.h"
#include "ui/panels/curate/sheet_filter_model.h"
#include "ui/panels/curate/thumbnail_cache.h"
#include "ui/panels/project_context.h"

using namespace filmrecover;
using namespace filmrecover::ui;

namespace {

std::vector<project::MappingRecord> identityMapping(int first, int count, int flagEvery = 0) {
  std::vector<project::MappingRecord> rows;
  for (int f = first; f < first + count; ++f) {
    project::MappingRecord r;
    r.sourceFrame = f;
    r.referenceFrame = f + 10;
    r.confidence = 0.9;
    r.flagged = flagEvery > 0 && f % flagEvery == 0;
    r.reason = r.flagged ? "low-confidence" : "";
    rows.push_back(r);
  }
  return rows;
}

std::map<int, std::string> decisions(project::ProjectCatalog& catalog, std::map<int, std::string>* who = nullptr) {
  std::map<int, std::string> out;
  for (const auto& c : catalog.curation()) {
    out[c.frame] = c.decision;
    if (who) (*who)[c.frame] = c.who;
  }
  return out;
}

}  // namespace

class CuratorPanelTest : public ::testing::Test {
 protected:
  void SetUp() override { test::panelTestApp(); }
};

TEST_F(CuratorPanelTest, ThousandsOfPairsScrollSmoothly) {
  test::TempDir dir("curator-scale");
  ProjectContext project;
  ASSERT_TRUE(project.openProject(QString::fromStdString(dir.path().string())));
  const int pairs = 5000;
  project.catalog().replaceMapping(identityMapping(1, pairs, 97));
  CuratorPanel panel(&project);
  ASSERT_TRUE(test::waitUntil([&] { return project.elementsSettled(); }));  // its reader is replaced then
  std::atomic<int> reads{0};
  panel.thumbnails()->setReader([&reads](int frame) {
    ++reads;
    Image a = test::makeTestPattern(160, 90, unsigned(frame));
    return std::make_pair(a, a);
  });
  panel.resize(1100, 700);
  panel.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
  ASSERT_EQ(panel.model()->rowCount(), pairs);

  QScrollBar* bar = panel.view()->verticalScrollBar();
  ASSERT_GT(bar->maximum(), 0);
  qint64 worst = 0, total = 0;
  QElapsedTimer timer;
  const int steps = 60;
  for (int i = 1; i <= steps; ++i) {
    timer.start();
    bar->setValue(bar->maximum() * i / steps);
    panel.view()->viewport()->repaint();  // a synchronous paint of the visible tiles
    const qint64 ms = timer.elapsed();
    worst = std::max(worst, ms);
    total += ms;
    QCoreApplication::processEvents();
  }
  std::printf("[ measure ] contact sheet, %d pairs: scroll+paint mean %.1f ms, worst %lld ms\n", pairs,
              double(total) / steps, (long long)worst);
  if (test::kTimingBudgetsApply) {
    EXPECT_LT(double(total) / steps, 16.0) << "scrolling the sheet must keep up with the display";
    EXPECT_LT(worst, 100) << "no scroll step may freeze the interface";
  }
  // Only what was shown (or nearly) was decoded, never the whole sheet.
  panel.thumbnails()->waitForIdle();
  EXPECT_LT(reads.load(), pairs / 2) << "tiles never shown are never decoded";
  EXPECT_GT(reads.load(), 0);
  // Thumbnails arrive and are painted from the cache.
  ASSERT_TRUE(test::waitUntil([&] { return panel.thumbnails()->made() > 0; }, 10000));
}

TEST_F(CuratorPanelTest, KeyboardMarksAreStoredInTheCatalog) {
  test::TempDir dir("curator-keys");
  ProjectContext project;
  ASSERT_TRUE(project.openProject(QString::fromStdString(dir.path().string())));
  project.catalog().setMeta("operator", "restorer");
  project.catalog().replaceMapping(identityMapping(101, 30));
  CuratorPanel panel(&project);
  panel.resize(900, 600);
  panel.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
  panel.view()->setFocus();

  panel.selectFrames({101, 105, 110});
  QTest::keyClick(panel.view(), Qt::Key_T);
  panel.selectFrames({120});
  QTest::keyClick(panel.view(), Qt::Key_H);
  panel.selectFrames({111, 112});
  QTest::keyClick(panel.view(), Qt::Key_R);
  std::map<int, std::string> who;
  auto d = decisions(project.catalog(), &who);
  EXPECT_EQ(d, (std::map<int, std::string>{{101, "train"}, {105, "train"}, {110, "train"}, {111, "rejected"},
                                           {112, "rejected"}, {120, "holdout"}}));
  EXPECT_EQ(who[101], "restorer");
  EXPECT_TRUE(panel.countsText().contains(QStringLiteral("train 3")));

  // Keyboard navigation then a mark: the arrow moves the current tile.
  panel.selectFrames({101});
  QTest::keyClick(panel.view(), Qt::Key_Right);
  QTest::keyClick(panel.view(), Qt::Key_H);
  EXPECT_EQ(decisions(project.catalog())[102], "holdout");

  // U clears, also a re-decided frame.
  panel.selectFrames({105, 102});
  QTest::keyClick(panel.view(), Qt::Key_U);
  d = decisions(project.catalog());
  EXPECT_EQ(d.count(105), 0u);
  EXPECT_EQ(d.count(102), 0u);
  EXPECT_EQ(d.size(), 5u);

  // The decision filter shows just the training pairs.
  panel.filter()->setShow(SheetFilterModel::Show::Train);
  EXPECT_EQ(panel.filter()->rowCount(), 2);
}

TEST_F(CuratorPanelTest, SuggestionIsDiverseAndKeepsTheOperatorsMarks) {
  test::TempDir dir("curator-suggest");
  synth::ScenarioOptions options = synth::ScenarioOptions::chroma(96, 54, 36, 3);
  options.film.shots = 3;
  const synth::Scenario scenario = synth::writeScenario(dir.file("material"), options);
  ProjectContext project;
  ASSERT_TRUE(project.openProject(QString::fromStdString(dir.file("project"))));
  project::SourceRecord source;
  source.role = "source";
  source.spec = scenario.sourcePattern;
  project.catalog().addSource(source);
  // Suggest runs the curate stage, which measures source against aligned frames: the
  // source's own frames stand in for a perfectly aligned reference here.
  const auto sourceFrames = FrameSource::open(scenario.sourcePattern);
  const OutputPattern alignedFrames(project.alignedPattern().toStdString());
  std::filesystem::create_directories(project.layout().alignedDir());
  for (int f : sourceFrames->info().frames) writeImageAtomic(alignedFrames.pathFor(f), sourceFrames->read(f));
  project.reopenElements();
  ASSERT_TRUE(test::waitUntil([&] {
    return project.element(ElementRole::Source) != nullptr && project.element(ElementRole::Aligned) != nullptr;
  }));
  const auto rows = identityMapping(1, 36, 9);  // 9, 18, 27, 36 flagged
  project.catalog().replaceMapping(rows);
  // mapping.json carries the shot cuts the sheet groups by (source frames are film index + 1).
  match::Mapping mapping;
  for (const auto& r : rows) mapping.pairs.push_back({r.sourceFrame, r.referenceFrame, float(r.confidence), r.reason});
  for (size_t s = 1; s < scenario.shots.size(); ++s) mapping.sourceCuts.push_back(scenario.shots[s].first + 1);
  match::writeMapping(mapping, project.mappingPath().toStdString());
  project.notifyMappingChanged();
  auto shotOf = [&](int frame) {
    int shot = 0;
    for (size_t s = 0; s < scenario.shots.size(); ++s)
      if (frame - 1 >= scenario.shots[s].first) shot = int(s);
    return shot;
  };
  const std::string at = project::ProjectCatalog::now();
  project.catalog().setCuration({5, "train", "", "operator", at});
  project.catalog().setCuration({6, "rejected", "splice", "operator", at});

  CuratorPanel panel(&project);
  panel.trainCount()->setValue(6);
  panel.holdoutCount()->setValue(2);
  QSignalSpy done(panel.suggestJob(), &WorkerJob::finished);
  QTest::mouseClick(panel.suggestButton(), Qt::LeftButton);
  ASSERT_TRUE(test::waitUntil([&] { return done.count() == 1; }, 60000));

  std::map<int, std::string> who;
  const auto d = decisions(project.catalog(), &who);
  std::vector<int> train, holdout;
  for (const auto& [frame, decision] : d) {
    if (decision == "train") train.push_back(frame);
    if (decision == "holdout") holdout.push_back(frame);
  }
  EXPECT_EQ(train.size(), 6u);
  EXPECT_EQ(holdout.size(), 2u);
  EXPECT_EQ(d.at(5), "train");
  EXPECT_EQ(who.at(5), "operator") << "the operator's addition stays theirs";
  EXPECT_EQ(d.at(6), "rejected");
  EXPECT_EQ(who.at(6), "operator");
  for (int flagged : {9, 18, 27, 36}) EXPECT_EQ(d.at(flagged), "rejected") << flagged;
  // Spread over the three shots.
  std::set<int> shots;
  for (int f : train) shots.insert(shotOf(f));
  EXPECT_EQ(shots.size(), 3u);
  for (int f : holdout) EXPECT_EQ(std::count(train.begin(), train.end(), f), 0);
}
