#include "core/exec/parallel_for.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/exec/cancel_token.h"

namespace filmrecover {
namespace {

TEST(ParallelFor, RunsEveryItemOnce) {
  std::vector<std::atomic<int>> runs(1000);
  parallelFor(1000, 4, [&](int i) { ++runs[static_cast<size_t>(i)]; });
  for (const auto& r : runs) EXPECT_EQ(r.load(), 1);
}

TEST(ParallelFor, UsesTheThreadsAskedFor) {
  std::mutex m;
  std::set<std::thread::id> ids;
  parallelFor(8, 4, [&](int) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::lock_guard<std::mutex> lock(m);
    ids.insert(std::this_thread::get_id());
  });
  EXPECT_GT(ids.size(), 1u);
  EXPECT_LE(ids.size(), 4u);
  ids.clear();
  parallelFor(8, 1, [&](int) { ids.insert(std::this_thread::get_id()); });
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(*ids.begin(), std::this_thread::get_id());
}

TEST(ParallelFor, FirstExceptionStopsTheOthersAndIsRethrown) {
  std::atomic<int> started{0};
  std::atomic<bool> failing{false};
  try {
    parallelFor(100000, 2, [&](int i) {
      ++started;
      if (i == 3) {
        failing = true;
        throw std::runtime_error("item 3 failed");
      }
      // Later items are slow enough that the failure is recorded before the other thread
      // could run through every item (without this a loaded machine let it, now and then).
      if (i > 3) {
        for (int wait = 0; !failing && wait < 2000; ++wait) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "item 3 failed");
  }
  EXPECT_LT(started.load(), 100000);
}

TEST(ParallelFor, CancelledStopsTakingWorkAndThrows) {
  CancelToken cancel;
  std::atomic<int> started{0};
  EXPECT_THROW(parallelFor(100000, 2,
                           [&](int i) {
                             ++started;
                             if (i == 10) cancel.cancel();
                             // As above: later items wait for the cancel, so a loaded machine
                             // cannot finish them all first.
                             if (i > 10) {
                               for (int wait = 0; !cancel.cancelled() && wait < 2000; ++wait)
                                 std::this_thread::sleep_for(std::chrono::milliseconds(1));
                               std::this_thread::sleep_for(std::chrono::milliseconds(2));
                             }
                           },
                           &cancel),
               CancelledError);
  EXPECT_LT(started.load(), 100000);
  // An item's own error wins over the cancellation it may have caused.
  CancelToken both;
  EXPECT_THROW(parallelFor(100, 1,
                           [&](int) {
                             both.cancel();
                             throw std::logic_error("failed");
                           },
                           &both),
               std::logic_error);
}

TEST(ParallelRanges, CutsTheSameContiguousRangesOnEveryMachine) {
  std::vector<std::pair<int, int>> ranges(4);
  parallelRanges(10, 4, [&](int part, int begin, int end) { ranges[static_cast<size_t>(part)] = {begin, end}; });
  EXPECT_EQ(ranges, (std::vector<std::pair<int, int>>{{0, 3}, {3, 6}, {6, 9}, {9, 10}}));
  std::vector<std::pair<int, int>> one(1);
  parallelRanges(7, 1, [&](int part, int begin, int end) { one[static_cast<size_t>(part)] = {begin, end}; });
  EXPECT_EQ(one, (std::vector<std::pair<int, int>>{{0, 7}}));
}

TEST(ParallelFor, ZeroThreadsMeansEveryCore) {
  EXPECT_EQ(resolveThreadCount(3), 3);
  EXPECT_EQ(resolveThreadCount(0), static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  EXPECT_EQ(resolveThreadCount(-1), resolveThreadCount(0));
}

}  // namespace
}  // namespace filmrecover
