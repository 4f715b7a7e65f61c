// Frame cache, playback clock, frame mapping, command line and project folders.
#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include "core/exec/errors.h"
#include "core/io/frame_source.h"
#include "core/project/project_catalog.h"
#include "tests/support/test_support.h"
#include "ui/app/command_line.h"
#include "ui/session/project_folder.h"
#include "ui/session/session.h"
#include "ui/viewer/frame_cache.h"
#include "ui/viewer/playback.h"
#include "tests/ui/ui_test_app.h"

using namespace filmrecover;
using namespace filmrecover::ui;

TEST(FrameCache, DropsTheLeastRecentlyUsedBeyondItsCapacity) {
  const size_t frame = 10 * 10 * 3 * sizeof(float);
  FrameCache cache(3 * frame);
  for (int f = 1; f <= 3; ++f) cache.put(7, f, std::make_shared<const Image>(10, 10, 3, float(f)));
  EXPECT_EQ(cache.usedBytes(), 3 * frame);
  ASSERT_TRUE(cache.get(7, 1));  // 1 is now the newest
  cache.put(7, 4, std::make_shared<const Image>(10, 10, 3, 4.0f));
  EXPECT_TRUE(cache.contains(7, 1));
  EXPECT_FALSE(cache.contains(7, 2));  // the oldest went
  EXPECT_EQ(cache.framesOf(7), (std::set<int>{1, 3, 4}));
  EXPECT_EQ(cache.get(7, 4)->pixels[0], 4.0f);
  cache.removeSource(7);
  EXPECT_EQ(cache.usedBytes(), 0u);
}

TEST(Playback, StepsSeeksAndKeepsInOut) {
  test::uiTestApp();
  Playback p;
  p.setFrames({1001, 1002, 1003, 1005, 1006}, 24);
  EXPECT_EQ(p.current(), 1001);
  p.step(1);
  EXPECT_EQ(p.current(), 1002);
  p.seek(1004);  // nearest existing: 1003 or 1005, never outside
  EXPECT_TRUE(p.current() == 1003 || p.current() == 1005);
  p.seek(1002);
  p.setIn();
  p.last();
  p.setOut();
  EXPECT_EQ(p.inFrame(), 1002);
  EXPECT_EQ(p.outFrame(), 1006);
  p.first();
  EXPECT_EQ(p.current(), 1002);
  // Read-ahead wraps at the out point back to the in point.
  p.seek(1005);
  EXPECT_EQ(p.upcoming(3), (std::vector<int>{1006, 1002, 1003}));
}

TEST(Playback, PlaysInRealTimeAndCountsDroppedFrames) {
  test::uiTestApp();
  std::vector<int> frames;
  for (int i = 0; i < 200; ++i) frames.push_back(i);
  Playback p;
  p.setFrames(frames, 50);
  // Every third frame is never ready: those are dropped, the clock does not wait.
  p.setReadyCheck([](int f) { return f % 3 != 1; });
  p.play();
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < 600) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
  p.stop();
  if (test::kTimingBudgetsApply) {
    EXPECT_GT(p.shownFrames(), 10);  // the paints keep up (the release build's budget)
  }
  EXPECT_GT(p.droppedFrames(), 5);
  // Real time: about 30 frames due in 0.6 s at 50 fps.
  EXPECT_NEAR(double(p.current()), 30.0, 12.0);
}

TEST(Session, MapsFramesByNumberOrPosition) {
  SourceInfo a, b;
  a.frames = {1001, 1002, 1003};
  b.frames = {1001, 1002, 1003};
  EXPECT_EQ(Session::mapFrame(a, b, 1002), 1002);
  b.frames = {1, 2, 3};
  EXPECT_EQ(Session::mapFrame(a, b, 1002), 2);
}

TEST(CommandLine, ParsesSourcesProjectAndErrors) {
  EXPECT_EQ(parseCommandLine({"a.####.exr", "b.####.exr"}).sources.size(), 2);
  EXPECT_EQ(parseCommandLine({"--project", "/x"}).project, QStringLiteral("/x"));
  EXPECT_FALSE(parseCommandLine({"a", "b", "c"}).error.isEmpty());
  EXPECT_FALSE(parseCommandLine({"--project"}).error.isEmpty());
  EXPECT_FALSE(parseCommandLine({"--compare", "x", "a"}).error.isEmpty());
  EXPECT_FALSE(parseCommandLine({"--project", "/x", "a"}).error.isEmpty());
  EXPECT_EQ(parseCommandLine({"a", "--compare", "diff"}).compareMode, QStringLiteral("diff"));
  EXPECT_TRUE(commandLineHelp().contains(QStringLiteral("--project DIR")));
}

TEST(ProjectFolder, FindsRoleFoldersAndRoundTripsASession) {
  test::uiTestApp();
  test::TempDir tmp("ui-project");
  const QString dir = QString::fromStdString(tmp.path().string());
  for (const char* sub : {"source", "aligned_reference", "restored_v2", "notes"}) QDir(dir).mkpath(sub);
  for (const char* sub : {"source", "aligned_reference", "restored_v2"}) {
    QFile f(QDir(dir).filePath(QStringLiteral("%1/f.0001.png").arg(sub)));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  }
  ProjectContents c = readProjectFolder(dir);
  ASSERT_EQ(c.sources.size(), 3u);
  EXPECT_TRUE(c.sources.count(SourceRole::Source));
  EXPECT_TRUE(c.sources.count(SourceRole::AlignedReference));
  EXPECT_TRUE(c.sources.count(SourceRole::Restored));
  EXPECT_EQ(c.b, SourceRole::Restored);
  EXPECT_EQ(c.compare.mode, CompareMode::Wipe);

  c.a = SourceRole::AlignedReference;
  c.compare.wipeAngle = 30;
  writeSessionFile(QDir(dir).filePath(kSessionFileName), c);
  const ProjectContents back = readProjectFolder(dir);
  EXPECT_TRUE(back.fromSessionFile);
  EXPECT_EQ(back.a, SourceRole::AlignedReference);
  EXPECT_EQ(back.compare.wipeAngle, 30);
  EXPECT_EQ(back.sources.at(SourceRole::Restored), c.sources.at(SourceRole::Restored));

  EXPECT_THROW(readProjectFolder(QDir(dir).filePath("notes")), InputError);
  EXPECT_THROW(readProjectFolder(QDir(dir).filePath("nope")), InputError);
}

TEST(ProjectFolder, AProjectOpensAsSourceAgainstItsNewestRestoredRender) {
  // A recover work dir holds aligned/ and baseline/ but neither the source nor the output:
  // its catalog names them, and a supervisor opens it to see source against restored.
  test::TempDir tmp("project-catalog-folder");
  const std::string work = tmp.file("recover-work");
  {
    project::ProjectCatalog catalog(work);
    project::SourceRecord source;
    source.role = "source";
    source.spec = "/films/reel1/scan.####.dpx";
    catalog.addSource(source);
    source.role = "reference";
    source.spec = "/films/reel1/dvd.mkv";
    catalog.addSource(source);
    const int64_t run = catalog.beginTrainingRun({0, "chroma", {}, work + "/models/model.frm", "running", "", "", {}});
    catalog.finishTrainingRun(run, "done", {});
    const int64_t old = catalog.beginRender({0, run, "/films/out/old.####.exr", "1-10", {}, "running", "", ""});
    catalog.finishRender(old, "done", {});
    const int64_t baseline = catalog.beginRender({0, 0, work + "/baseline/baseline.####.exr", "1-10", {}, "running", "", ""});
    catalog.finishRender(baseline, "done", {});
    const int64_t newest = catalog.beginRender({0, run, "/films/out/restored.####.exr", "1-10", {}, "running", "", ""});
    catalog.finishRender(newest, "done", {});
    const int64_t failed = catalog.beginRender({0, run, "/films/out/broken.####.exr", "1-10", {}, "running", "", ""});
    catalog.finishRender(failed, "failed", {});    // The DVD is re-timed: source frames 2-4 are its frames 7, 8 and 8 again.
    catalog.replaceMapping({{2, 7, 0.9, false, ""}, {3, 8, 0.8, false, ""}, {4, 8, 0.3, true, "low confidence"}});
  }
  QDir().mkpath(QString::fromStdString(work + "/aligned"));
  QFile(QString::fromStdString(work + "/aligned/aligned.0001.exr")).open(QIODevice::WriteOnly);
  const ProjectContents c = readProjectFolder(QString::fromStdString(work));
  EXPECT_EQ(c.a, SourceRole::Source);
  EXPECT_EQ(c.b, SourceRole::Restored);
  EXPECT_EQ(c.sources.at(SourceRole::Source).toStdString(), "/films/reel1/scan.####.dpx");
  EXPECT_EQ(c.sources.at(SourceRole::Reference).toStdString(), "/films/reel1/dvd.mkv");
  EXPECT_EQ(c.sources.at(SourceRole::Restored).toStdString(), "/films/out/restored.####.exr");
  EXPECT_EQ(c.sources.at(SourceRole::Baseline).toStdString(), work + "/baseline/baseline.####.exr");
  EXPECT_EQ(c.sources.at(SourceRole::AlignedReference).toStdString(), work + "/aligned/aligned.####.exr");
  // The raw reference comes with the mapping's frame numbers, the flagged pair included.
  EXPECT_EQ(c.referenceFrames, (std::map<int, int>{{2, 7}, {3, 8}, {4, 8}}));
}
