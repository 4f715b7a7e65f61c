// The job adapter: results reach the GUI thread, exceptions become error messages,
// cancellation goes through the token, progress is coalesced.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QThread>
#include <atomic>

#include "core/exec/errors.h"
#include "tests/ui/panels/panel_test_support.h"
#include "ui/jobs/eta_estimator.h"
#include "ui/jobs/worker_job.h"

using namespace filmrecover;
using namespace filmrecover::ui;

class WorkerJobTest : public ::testing::Test {
 protected:
  void SetUp() override { test::panelTestApp(); }
};

TEST_F(WorkerJobTest, BodyRunsOffTheGuiThreadAndDeliversOnIt) {
  WorkerJob job(QStringLiteral("sum"));
  QThread* bodyThread = nullptr;
  QThread* deliverThread = nullptr;
  int result = 0;
  QSignalSpy succeeded(&job, &WorkerJob::succeeded);
  QSignalSpy finished(&job, &WorkerJob::finished);
  ASSERT_TRUE(job.start([&](const JobContext&) -> WorkerJob::Deliver {
    bodyThread = QThread::currentThread();
    int sum = 0;
    for (int i = 1; i <= 100; ++i) sum += i;
    return [&, sum]() {
      deliverThread = QThread::currentThread();
      result = sum;
    };
  }));
  EXPECT_TRUE(job.isRunning());
  EXPECT_FALSE(job.start([](const JobContext&) { return WorkerJob::Deliver(); })) << "one run at a time";
  ASSERT_TRUE(test::waitUntil([&] { return finished.count() == 1; }));
  EXPECT_EQ(succeeded.count(), 1);
  EXPECT_EQ(result, 5050);
  EXPECT_NE(bodyThread, QThread::currentThread());
  EXPECT_EQ(deliverThread, QThread::currentThread());
  EXPECT_FALSE(job.isRunning());
}

TEST_F(WorkerJobTest, ExceptionsBecomeErrorMessages) {
  WorkerJob job(QStringLiteral("read"));
  QSignalSpy failed(&job, &WorkerJob::failed);
  QSignalSpy finished(&job, &WorkerJob::finished);
  job.start([](const JobContext&) -> WorkerJob::Deliver {
    throw InputError("frame 1017 of /x/plate.####.exr is truncated.");
  });
  ASSERT_TRUE(test::waitUntil([&] { return finished.count() == 1; }));
  ASSERT_EQ(failed.count(), 1);
  EXPECT_EQ(failed.at(0).at(0).toString(), QStringLiteral("frame 1017 of /x/plate.####.exr is truncated."));

  // Something that is not a std::exception still reaches the UI.
  job.start([](const JobContext&) -> WorkerJob::Deliver { throw 42; });
  ASSERT_TRUE(test::waitUntil([&] { return finished.count() == 2; }));
  ASSERT_EQ(failed.count(), 2);
  EXPECT_TRUE(failed.at(1).at(0).toString().contains(QStringLiteral("read failed")));
}

TEST_F(WorkerJobTest, CancelSetsTheTokenTheBodyPolls) {
  WorkerJob job(QStringLiteral("loop"));
  QSignalSpy cancelled(&job, &WorkerJob::cancelled);
  QSignalSpy succeeded(&job, &WorkerJob::succeeded);
  std::atomic<bool> inside{false};
  job.start([&](const JobContext& ctx) -> WorkerJob::Deliver {
    inside = true;
    for (;;) {
      ctx.cancel.throwIfCancelled();
      QThread::msleep(1);
    }
  });
  ASSERT_TRUE(test::waitUntil([&] { return inside.load(); }));
  job.cancel();
  ASSERT_TRUE(test::waitUntil([&] { return !job.isRunning(); }, 5000));
  EXPECT_EQ(cancelled.count(), 1);
  EXPECT_EQ(succeeded.count(), 0);
}

TEST_F(WorkerJobTest, ProgressIsCoalescedAndTheLastReportArrives) {
  WorkerJob job(QStringLiteral("frames"));
  QSignalSpy progressed(&job, &WorkerJob::progressed);
  QSignalSpy finished(&job, &WorkerJob::finished);
  job.start([](const JobContext& ctx) -> WorkerJob::Deliver {
    for (int i = 1; i <= 20000; ++i) reportProgress(ctx.progress, {"render", i, 20000, "frame"});
    return {};
  });
  ASSERT_TRUE(test::waitUntil([&] { return finished.count() == 1; }));
  ASSERT_GE(progressed.count(), 1);
  EXPECT_LT(progressed.count(), 20000) << "reports are merged, the GUI queue is not flooded";
  const QList<QVariant> last = progressed.last();
  EXPECT_EQ(last.at(0).toString(), QStringLiteral("render"));
  EXPECT_EQ(last.at(1).toLongLong(), 20000);
  EXPECT_EQ(last.at(2).toLongLong(), 20000);
}

TEST_F(WorkerJobTest, DestroyingARunningJobCancelsAndJoins) {
  std::atomic<bool> stopped{false};
  {
    WorkerJob job(QStringLiteral("long"));
    job.start([&](const JobContext& ctx) -> WorkerJob::Deliver {
      while (!ctx.cancel.cancelled()) QThread::msleep(1);
      stopped = true;
      return {};
    });
    QThread::msleep(20);
  }
  EXPECT_TRUE(stopped.load());
}

TEST(EtaEstimator, RateAndTimeLeft) {
  EXPECT_EQ(EtaEstimator::formatDuration(42), QStringLiteral("42 s"));
  EXPECT_EQ(EtaEstimator::formatDuration(187), QStringLiteral("3:07"));
  EXPECT_EQ(EtaEstimator::formatDuration(3723), QStringLiteral("1:02:03"));
  EtaEstimator eta;
  eta.start();
  eta.update(0, 100);
  EXPECT_LT(eta.secondsLeft(), 0) << "unknown before a second report";
  QThread::msleep(200);
  eta.update(10, 100);
  // 10 units in ~0.2 s: ~50/s, 90 left: ~1.8 s.
  EXPECT_GT(eta.rate(), 20);
  EXPECT_LT(eta.rate(), 60);
  EXPECT_GT(eta.secondsLeft(), 1.4);
  EXPECT_LT(eta.secondsLeft(), 4.6);
  EXPECT_TRUE(eta.text().endsWith(QStringLiteral("left")));
}
