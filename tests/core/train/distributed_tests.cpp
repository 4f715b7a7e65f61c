// Training across processes: two ranks, each a thread with its own c10d process group on
// loopback (the same code path as two processes; tests/core/cli/train_distributed_cli_tests.cpp
// runs real filmrecover-cli processes).
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <map>

#include "core/exec/errors.h"
#include "core/dataset/crop_sampler.h"
#include "core/model/model_file.h"
#include "core/train/metrics_log.h"
#include "core/train/published_train_job.h"
#include "core/train/trainer.h"
#include "tests/core/train/synthetic_pairs.h"

using namespace filmrecover;
namespace fs = std::filesystem;

namespace {

// A loopback port free at the moment (the kernel's pick).
int freePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
  close(fd);
  return ntohs(a.sin_port);
}

// Tiny chroma training: the combined batch of 4 crops, constant learning rate after a short
// warm-up, float32 (the comparison is of float rounding only), one thread.
TrainJob job(const std::string& modelPath, long long steps) {
  TrainJob j;
  TrainSettings& s = j.settings;
  s.mode = RecoveryMode::Chroma;
  s.preset = ModelPreset::S;
  s.batch = 4;
  s.crop = 32;
  s.steps = steps;
  s.warmupSteps = 2;
  s.schedule = "constant";
  s.validateEvery = 3;
  s.previewEvery = 0;
  s.checkpointEvery = 0;
  s.holdoutCrop = 32;
  s.threads = 1;
  s.precision = Precision::Float32;
  s.device = DeviceChoice::Cpu;
  s.seed = 11;
  j.trainPairs = test::chromaPairs({1, 2, 3}, 64, 48);
  j.holdoutPairs = test::chromaPairs({5}, 64, 48);
  j.modelPath = modelPath;
  return j;
}

DistributedSettings rank(int r, int port, int world = 2, int timeout = 60) {
  DistributedSettings d;
  d.worldSize = world;
  d.rank = r;
  d.masterAddr = "127.0.0.1";
  d.masterPort = port;
  d.timeoutSeconds = timeout;
  return d;
}

// Runs the jobs as ranks 0..N-1 side by side; each result or its exception.
std::vector<std::future<TrainResult>> runRanks(std::vector<TrainJob> jobs) {
  std::vector<std::future<TrainResult>> results;
  for (auto& j : jobs) results.push_back(std::async(std::launch::async, [j] { return trainModel(j); }));
  return results;
}

// Largest absolute difference between the weights of two model files.
double weightDifference(const std::string& a, const std::string& b) {
  const auto pa = loadModelFile(a).net->parameters(), pb = loadModelFile(b).net->parameters();
  EXPECT_EQ(pa.size(), pb.size());
  double worst = 0;
  for (size_t i = 0; i < pa.size() && i < pb.size(); ++i)
    worst = std::max(worst, (pa[i] - pb[i]).abs().max().item<double>());
  return worst;
}

double weightScale(const std::string& a) {
  double worst = 0;
  for (const auto& p : loadModelFile(a).net->parameters()) worst = std::max(worst, p.abs().max().item<double>());
  return worst;
}

std::vector<std::string> filesIn(const fs::path& folder) {
  std::vector<std::string> names;
  if (fs::exists(folder))
    for (const auto& e : fs::recursive_directory_iterator(folder)) names.push_back(e.path().filename().string());
  return names;
}

}  // namespace

TEST(DistributedTraining, TwoRanksEndWithTheWeightsOfOneProcessWithTheCombinedBatch) {
  test::TempDir dir("dist");
  fs::create_directories(dir.path() / "one");
  fs::create_directories(dir.path() / "rank0");
  fs::create_directories(dir.path() / "rank1");
  const long long steps = 6;
  const TrainResult single = trainModel(job(dir.file("one/m.frm"), steps));

  // Rank 1 starts from other weights (the trained single run's): the broadcast from rank 0
  // at the start must replace them, or the runs part at the first step.
  const int port = freePort();
  TrainJob r0 = job(dir.file("rank0/m.frm"), steps), r1 = job(dir.file("rank1/m.frm"), steps);
  r0.settings.distributed = rank(0, port);
  r1.settings.distributed = rank(1, port);
  r1.settings.initialWeights = dir.file("one/m.frm");
  auto futures = runRanks({r0, r1});
  const TrainResult a = futures[0].get(), b = futures[1].get();

  EXPECT_EQ(a.rank, 0);
  EXPECT_EQ(b.rank, 1);
  ASSERT_EQ(a.lossCurve.size(), static_cast<size_t>(steps));
  ASSERT_EQ(b.lossCurve.size(), static_cast<size_t>(steps));
  for (size_t i = 0; i < a.lossCurve.size(); ++i) {
    // Each rank reports the loss averaged over the ranks: the combined batch's loss.
    EXPECT_NEAR(a.lossCurve[i], single.lossCurve[i], 1e-5 * std::max(1.0, single.lossCurve[i])) << "step " << i + 1;
    EXPECT_DOUBLE_EQ(a.lossCurve[i], b.lossCurve[i]) << "step " << i + 1;
  }
  // Same weights as the single process within float rounding (the sums are taken in another
  // order); a rank seeing only its own crops would be off by the learning rate's order (1e-3).
  const double scale = weightScale(dir.file("one/m.frm"));
  const double difference = weightDifference(dir.file("rank0/m.frm"), dir.file("one/m.frm"));
  EXPECT_LT(difference, 1e-5 * std::max(1.0, scale));
  // What the tolerance is measured against: one process with a rank's batch (2 crops a step,
  // what a rank would learn without the all-reduce) ends far away.
  fs::create_directories(dir.path() / "share");
  TrainJob alone = job(dir.file("share/m.frm"), steps);
  alone.settings.batch = 2;
  trainModel(alone);
  EXPECT_GT(weightDifference(dir.file("share/m.frm"), dir.file("one/m.frm")), 100 * difference + 1e-4);
  EXPECT_NEAR(a.holdoutPsnr, single.holdoutPsnr, 1e-3);

  // Rank 0 alone writes: model, checkpoint, best, metrics; rank 1's folder stays empty.
  for (const auto& f : {a.outputs.model, a.outputs.checkpoint, a.outputs.best, a.outputs.metrics})
    EXPECT_TRUE(fs::exists(f)) << f;
  EXPECT_TRUE(filesIn(dir.path() / "rank1").empty());
  EXPECT_EQ(b.holdoutPsnr, -1);  // no hold-out evaluation on rank 1 either
}

TEST(DistributedTraining, PerRankCropsMakeUpTheCombinedBatch) {
  // The crop split the test above relies on, checked directly on the sampler.
  const auto pairs = test::chromaPairs({1, 2}, 64, 48);
  CropSampler whole(pairs, 16, {}, 5), first(pairs, 16, {}, 5), second(pairs, 16, {}, 5);
  for (int round = 0; round < 3; ++round) {
    const CropBatch all = whole.next(4), mine = first.next(4, 0, 2), theirs = second.next(4, 1, 2);
    ASSERT_EQ(mine.count, 2);
    ASSERT_EQ(theirs.count, 2);
    const size_t crop = all.input.size() / 4;
    for (int i = 0; i < 4; ++i) {
      const CropBatch& share = i % 2 == 0 ? mine : theirs;
      EXPECT_TRUE(std::equal(all.input.begin() + i * crop, all.input.begin() + (i + 1) * crop,
                             share.input.begin() + (i / 2) * crop))
          << "crop " << i << " of round " << round;
    }
  }
}

TEST(DistributedTraining, ResumeAcrossRanksContinuesTheUnbrokenRun) {
  test::TempDir dir("dist");
  const TrainResult unbroken = trainModel(job(dir.file("one.frm"), 8));

  // Two ranks train 4 steps; then two ranks resume from rank 0's checkpoint to 8.
  std::vector<double> joined;
  for (const auto [steps, resume] : {std::pair{4LL, false}, std::pair{8LL, true}}) {
    const int port = freePort();
    TrainJob r0 = job(dir.file("two.frm"), steps), r1 = job(dir.file("two.frm"), steps);
    r0.resume = r1.resume = resume;
    r0.settings.distributed = rank(0, port);
    r1.settings.distributed = rank(1, port);
    auto futures = runRanks({r0, r1});
    const TrainResult a = futures[0].get(), b = futures[1].get();
    EXPECT_EQ(b.startStep, a.startStep);
    joined.insert(joined.end(), a.lossCurve.begin(), a.lossCurve.end());
  }
  ASSERT_EQ(joined.size(), unbroken.lossCurve.size());
  for (size_t i = 0; i < joined.size(); ++i)
    EXPECT_NEAR(joined[i], unbroken.lossCurve[i], 1e-5 * std::max(1.0, unbroken.lossCurve[i])) << "step " << i + 1;
  EXPECT_LT(weightDifference(dir.file("two.frm"), dir.file("one.frm")), 1e-5 * std::max(1.0, weightScale(dir.file("one.frm"))));
  // The metrics log of the resumed run has each step once.
  std::map<long long, int> trainLosses;
  for (const auto& e : MetricsLog::read(dir.file("two.metrics.jsonl")))
    if (e.name == "train_loss") ++trainLosses[e.step];
  EXPECT_EQ(trainLosses.size(), 8u);
  for (const auto& [step, n] : trainLosses) EXPECT_EQ(n, 1) << "step " << step;
}

TEST(DistributedTraining, AnUnreachableMasterIsAClearErrorInBoundedTime) {
  test::TempDir dir("dist");
  const int port = freePort();  // nobody listens there
  TrainJob lonely = job(dir.file("m.frm"), 2);
  lonely.settings.distributed = rank(1, port, 2, 3);
  const auto start = std::chrono::steady_clock::now();
  try {
    trainModel(lonely);
    FAIL() << "trained without rank 0";
  } catch (const RunError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("rank 1 of 2"), std::string::npos) << m;
    EXPECT_NE(m.find("--master 127.0.0.1:" + std::to_string(port)), std::string::npos) << m;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  EXPECT_FALSE(fs::exists(dir.file("m.frm")));
}

TEST(DistributedTraining, ARankThatFailsEndsTheOthersWithAnError) {
  test::TempDir dir("dist");
  const int port = freePort();
  TrainJob r0 = job(dir.file("m.frm"), 40), r1 = job(dir.file("m.frm"), 40);
  r0.settings.distributed = rank(0, port, 2, 20);
  r1.settings.distributed = rank(1, port, 2, 20);
  r1.control = std::make_shared<TrainControl>();
  auto control = r1.control;
  r1.onMetric = [control](const MetricEvent& e) {
    if (e.name == "train_loss" && e.step == 3) control->cancel();  // rank 1 "dies" after step 3
  };
  const auto start = std::chrono::steady_clock::now();
  auto futures = runRanks({r0, r1});
  EXPECT_THROW(futures[1].get(), CancelledError);
  try {
    futures[0].get();
    FAIL() << "rank 0 finished without rank 1";
  } catch (const RunError& e) {
    EXPECT_NE(std::string(e.what()).find("rank 0 of 2"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
}

TEST(DistributedTraining, RanksGivenDifferentSettingsAreRefused) {
  test::TempDir dir("dist");
  const int port = freePort();
  TrainJob r0 = job(dir.file("m.frm"), 4), r1 = job(dir.file("m.frm"), 5);
  r0.settings.distributed = rank(0, port, 2, 20);
  r1.settings.distributed = rank(1, port, 2, 20);
  auto futures = runRanks({r0, r1});
  try {
    futures[1].get();
    FAIL() << "rank 1 trained with other --steps than rank 0";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--steps is 5 here but 4 on rank 0"), std::string::npos) << e.what();
  }
  EXPECT_THROW(futures[0].get(), RunError);
}

TEST(DistributedTraining, ABatchThatDoesNotDivideAmongTheRanksIsRefused) {
  test::TempDir dir("dist");
  TrainJob j = job(dir.file("m.frm"), 2);
  j.settings.batch = 3;
  j.settings.distributed = rank(0, freePort());
  try {
    trainModel(j);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--batch 3"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--world-size 2"), std::string::npos) << e.what();
  }
}

TEST(DistributedTraining, ARankThatKnowsOnlyTheMasterJoinsWithWhatRankZeroPublished) {
  // recover's ranks > 0: rank 0 alone chose the settings and frames; rank 1 gets them from it.
  test::TempDir dir("dist");
  trainModel(job(dir.file("one.frm"), 5));  // train()'s defaults, to show the lr below matters
  const int port = freePort();
  TrainJob r0 = job(dir.file("two.frm"), 5);
  r0.settings.lr = 2e-3;  // not train()'s default: rank 1 must take it from rank 0
  r0.settings.distributed = rank(0, port);
  TrainJob reference = job(dir.file("ref.frm"), 5);
  reference.settings.lr = 2e-3;
  trainModel(reference);
  auto first = std::async(std::launch::async, [r0] { return trainModel(r0); });
  auto second = std::async(std::launch::async, [&] {
    const PublishedTrainJob p = fetchPublishedTrainJob(rank(1, port));
    EXPECT_EQ(p.settings, r0.settings);
    EXPECT_EQ(p.trainFrames, (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(p.holdoutFrames, (std::vector<int>{5}));
    EXPECT_EQ(p.modelPath, dir.file("two.frm"));
    EXPECT_FALSE(p.resume);
    TrainJob j;
    j.settings = p.settings;
    j.settings.distributed = rank(1, port);
    j.trainPairs = test::chromaPairs(p.trainFrames, 64, 48);  // the synthetic frames are their seeds
    j.holdoutPairs = test::chromaPairs(p.holdoutFrames, 64, 48);
    j.modelPath = p.modelPath;
    return trainModel(j);
  });
  EXPECT_EQ(first.get().steps, 5);
  EXPECT_EQ(second.get().steps, 5);
  EXPECT_LT(weightDifference(dir.file("two.frm"), dir.file("ref.frm")), 1e-5 * std::max(1.0, weightScale(dir.file("ref.frm"))));
  EXPECT_GT(weightDifference(dir.file("one.frm"), dir.file("ref.frm")), 1e-4);  // the lr mattered
}

TEST(DistributedTraining, NothingPublishedAtTheMasterIsAClearErrorInBoundedTime) {
  const int port = freePort();
  const auto start = std::chrono::steady_clock::now();
  try {
    fetchPublishedTrainJob(rank(1, port, 2, 2));
    FAIL() << "fetched a run nobody published";
  } catch (const RunError& e) {
    EXPECT_NE(std::string(e.what()).find("--master 127.0.0.1:" + std::to_string(port)), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}
