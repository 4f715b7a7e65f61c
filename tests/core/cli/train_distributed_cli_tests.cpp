// filmrecover-cli train as two processes on loopback, and submit --engine slurm --train.
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/io/image_writer.h"
#include "core/dataset/pair_loader.h"
#include "core/model/model_file.h"
#include "core/train/trainer.h"
#include "tests/core/train/synthetic_pairs.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using test::runCli;
namespace fs = std::filesystem;

namespace {

void writePairs(const test::TempDir& dir, int n, int w = 72, int h = 56) {
  WriteOptions o;
  o.exrDataType = "float";
  for (int f = 1; f <= n; ++f) {
    char s[32], r[32];
    std::snprintf(s, sizeof s, "src.%04d.exr", f);
    std::snprintf(r, sizeof r, "ref.%04d.exr", f);
    const Image src = test::syntheticFrame(f, w, h);
    writeImageAtomic(dir.file(s), src, o);
    writeImageAtomic(dir.file(r), test::knownColourTransform(src), o);
  }
}

int freePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
  close(fd);
  return ntohs(a.sin_port);
}

// Float32 on one thread: the processes differ from one process by float rounding only.
std::vector<std::string> trainArgs(const test::TempDir& dir, const std::string& model, const std::string& steps) {
  return {"train", "--mode", "chroma", "--input", dir.file("src.####.exr"), "--target", dir.file("ref.####.exr"),
          "--frames", "1-3", "--holdout", "4", "-o", model, "--size", "S", "--steps", steps, "--crop", "32",
          "--batch", "4", "--threads", "1", "--precision", "fp32", "--device", "cpu", "--warmup", "2",
          "--schedule", "constant", "--validate-every", "3", "--checkpoint-every", "0", "--preview-every", "2",
          "--json"};
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

double weightDifference(const std::string& a, const std::string& b) {
  const auto pa = loadModelFile(a).net->parameters(), pb = loadModelFile(b).net->parameters();
  double worst = 0;
  for (size_t i = 0; i < pa.size(); ++i) worst = std::max(worst, (pa[i] - pb[i]).abs().max().item<double>());
  return worst;
}

}  // namespace

TEST(TrainDistributedCli, TwoProcessesOnLoopbackTrainTheModelOfOneProcessWithTheCombinedBatch) {
  test::TempDir dir("cli-dist");
  writePairs(dir, 4);
  fs::create_directories(dir.file("one"));
  auto single = runCli(trainArgs(dir, dir.file("one/m.frm"), "6"));
  ASSERT_EQ(single.exitCode, 0) << single.err;

  // Rank 1 names another model folder, so that whatever it wrote would show.
  const std::string master = "127.0.0.1:" + std::to_string(freePort());
  auto rank0 = std::async(std::launch::async, [&] {
    return runCli(with(trainArgs(dir, dir.file("two/m.frm"), "6"), {"--world-size", "2", "--rank", "0", "--master", master}));
  });
  auto rank1 = std::async(std::launch::async, [&] {
    return runCli(with(trainArgs(dir, dir.file("rank1/m.frm"), "6"), {"--world-size", "2", "--rank", "1", "--master", master}));
  });
  const auto r0 = rank0.get(), r1 = rank1.get();
  ASSERT_EQ(r0.exitCode, 0) << r0.err;
  ASSERT_EQ(r1.exitCode, 0) << r1.err;
  const auto j0 = nlohmann::json::parse(r0.out), j1 = nlohmann::json::parse(r1.out);
  EXPECT_EQ(j0["rank"], 0);
  EXPECT_EQ(j1["rank"], 1);
  EXPECT_EQ(j0["worldSize"], 2);
  EXPECT_EQ(j0["steps"], 6);
  EXPECT_EQ(j1["steps"], 6);

  EXPECT_LT(weightDifference(dir.file("two/m.frm"), dir.file("one/m.frm")), 1e-5);
  // Rank 0 wrote the model, its checkpoint, the metrics and the previews; rank 1 nothing.
  for (const char* f : {"two/m.frm", "two/m.ckpt.frm", "two/m.best.frm", "two/m.metrics.jsonl", "two/m.previews"})
    EXPECT_TRUE(fs::exists(dir.file(f))) << f;
  size_t rank1Files = 0;
  if (fs::exists(dir.file("rank1")))
    for ([[maybe_unused]] const auto& e : fs::recursive_directory_iterator(dir.file("rank1"))) ++rank1Files;
  EXPECT_EQ(rank1Files, 0u);

  // The environment does as well as the flags (WORLD_SIZE, MASTER_ADDR, MASTER_PORT; the rank
  // from the flag, which wins over RANK), and a resume continues on both ranks from rank 0's
  // checkpoint.
  const int port = freePort();
  setenv("WORLD_SIZE", "2", 1);
  setenv("RANK", "1", 1);
  setenv("MASTER_ADDR", "127.0.0.1", 1);
  setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
  auto resume0 = std::async(std::launch::async, [&] {
    return runCli(with(trainArgs(dir, dir.file("two/m.frm"), "9"), {"--resume", "--rank", "0"}));
  });
  auto resume1 = std::async(std::launch::async, [&] {
    return runCli(with(trainArgs(dir, dir.file("two/m.frm"), "9"), {"--resume"}));
  });
  const auto s0 = resume0.get(), s1 = resume1.get();
  for (const char* v : {"WORLD_SIZE", "RANK", "MASTER_ADDR", "MASTER_PORT"}) unsetenv(v);
  ASSERT_EQ(s0.exitCode, 0) << s0.err;
  ASSERT_EQ(s1.exitCode, 0) << s1.err;
  EXPECT_EQ(nlohmann::json::parse(s0.out)["startStep"], 6);
  EXPECT_EQ(nlohmann::json::parse(s1.out)["startStep"], 6);
  EXPECT_EQ(nlohmann::json::parse(s1.out)["rank"], 1);
  EXPECT_EQ(nlohmann::json::parse(s0.out)["steps"], 9);
}

TEST(TrainDistributedCli, BadPlacesAreClearErrorsNamingTheFlag) {
  test::TempDir dir("cli-dist");
  writePairs(dir, 4);
  auto r = runCli(with(trainArgs(dir, dir.file("m.frm"), "2"), {"--world-size", "2", "--rank", "1", "--master", "127.0.0.1"}));
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("--master '127.0.0.1' has no port"), std::string::npos) << r.err;
  r = runCli(with(trainArgs(dir, dir.file("m.frm"), "2"), {"--world-size", "2", "--rank", "2", "--master", "h:1"}));
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("--rank 2 is outside 0..1"), std::string::npos) << r.err;
  r = runCli(with(trainArgs(dir, dir.file("m.frm"), "2"), {"--world-size", "2", "--rank", "1"}));
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("give --master ADDR:PORT"), std::string::npos) << r.err;

  // Nobody listens at the master: rank 1 gives up after --dist-timeout, naming it.
  const std::string master = "127.0.0.1:" + std::to_string(freePort());
  const auto start = std::chrono::steady_clock::now();
  r = runCli(with(trainArgs(dir, dir.file("m.frm"), "2"),
                  {"--world-size", "2", "--rank", "1", "--master", master, "--dist-timeout", "3"}));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("rank 1 of 2: could not reach rank 0 at --master " + master), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.file("m.frm")));
}

TEST(RecoverDistributedCli, ARankAboveZeroJoinsRankZerosTrainingAndWritesNothing) {
  // Rank 0 here stands for recover's train stage: a trainModel with settings recover chose
  // (not train's defaults); rank 1 is `filmrecover-cli recover ... --rank 1`, which knows only
  // where rank 0 is.
  test::TempDir dir("cli-dist-recover");
  writePairs(dir, 4);
  TrainJob job;
  TrainSettings& s = job.settings;
  s.preset = ModelPreset::S;
  s.steps = 5;
  s.batch = 4;
  s.crop = 32;
  s.lr = 2e-3;
  s.warmupSteps = 2;
  s.schedule = "constant";
  s.validateEvery = 5;
  s.previewEvery = 0;
  s.checkpointEvery = 0;
  s.holdoutCrop = 32;
  s.threads = 1;
  s.precision = Precision::Float32;
  s.device = DeviceChoice::Cpu;
  job.sources = {dir.file("src.####.exr"), dir.file("ref.####.exr"), ""};
  PairSettings ps{s.mode, s.medianPrefilter, s.clampHighlights, Rect{}};
  job.trainPairs = loadTrainingPairs(job.sources, {1, 2, 3}, ps, 1, {});
  job.holdoutPairs = loadTrainingPairs(job.sources, {4}, ps, 1, {});
  TrainJob single = job;
  single.modelPath = dir.file("one.frm");
  trainModel(single);

  const int port = freePort();
  job.modelPath = dir.file("two.frm");
  job.settings.distributed.worldSize = 2;
  job.settings.distributed.masterAddr = "127.0.0.1";
  job.settings.distributed.masterPort = port;
  job.settings.distributed.timeoutSeconds = 60;
  auto rank0 = std::async(std::launch::async, [job] { return trainModel(job); });
  const auto r1 = runCli({"recover", "--mode", "chroma", dir.file("src.####.exr"), dir.file("ref.####.exr"), "-o",
                          dir.file("out/restored.####.exr"), "--threads", "1", "--world-size", "2", "--rank", "1",
                          "--master", "127.0.0.1:" + std::to_string(port), "--dist-timeout", "60", "--json"});
  EXPECT_EQ(rank0.get().steps, 5);
  ASSERT_EQ(r1.exitCode, 0) << r1.err;
  const auto j = nlohmann::json::parse(r1.out);
  EXPECT_EQ(j["rank"], 1);
  EXPECT_EQ(j["steps"], 5);
  EXPECT_EQ(j["model"], dir.file("two.frm"));
  EXPECT_LT(weightDifference(dir.file("two.frm"), dir.file("one.frm")), 1e-5);
  EXPECT_FALSE(fs::exists(dir.file("out")));  // no work dir, no frames: rank 0 does those

  // Rank 0 never comes: a clear error naming --master, in bounded time.
  const auto start = std::chrono::steady_clock::now();
  const auto lonely = runCli({"recover", dir.file("src.####.exr"), dir.file("ref.####.exr"), "-o",
                              dir.file("out/restored.####.exr"), "--world-size", "2", "--rank", "1", "--master",
                              "127.0.0.1:" + std::to_string(freePort()), "--dist-timeout", "3"});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
  EXPECT_EQ(lonely.exitCode, 2);
  EXPECT_NE(lonely.err.find("could not reach rank 0 at --master 127.0.0.1:"), std::string::npos) << lonely.err;
}

TEST(SubmitTrainCli, WritesAMultiNodeTrainingScript) {
  test::TempDir dir("cli-submit-train");
  auto r = runCli({"submit", "--engine", "slurm", "--train", "--nodes", "3", "--job-name", "reel2", "--job-dir",
                   dir.file("job"), "--cli", "/opt/fr/filmrecover-cli", "--cpus", "8", "--dry-run", "--json", "--",
                   "--mode", "chroma", "--input", "/f/src.####.exr", "--target", "/f/al.####.exr", "--dataset",
                   "/f/dataset.json", "-o", "/f/film.frm"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["nodes"], 3);
  EXPECT_EQ(j["submitted"], false);
  const std::string script = j["script"];
  std::ifstream in(script);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string s = ss.str();
  for (const char* part : {"#SBATCH --job-name=reel2\n", "#SBATCH --nodes=3\n", "#SBATCH --ntasks-per-node=1\n",
                           "#SBATCH --cpus-per-task=8\n", "export MASTER_ADDR\n",
                           "exec srun --kill-on-bad-exit=1 --nodes=3 --ntasks-per-node=1 /opt/fr/filmrecover-cli train "
                           "--mode chroma --input /f/src.####.exr --target /f/al.####.exr --dataset "
                           "/f/dataset.json -o /f/film.frm --threads \"${SLURM_CPUS_PER_TASK:-8}\"\n"})
    EXPECT_NE(s.find(part), std::string::npos) << part << "\n" << s;
  // A render's defaults (memory, 4 h) are not a training's: only what was given.
  EXPECT_EQ(s.find("--mem"), std::string::npos) << s;

  r = runCli({"submit", "--engine", "opencue", "--train", "--dry-run", "--", "--mode", "chroma"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("--train runs on Slurm only"), std::string::npos) << r.err;
  r = runCli({"submit", "--engine", "slurm", "--train", "--model", "m.frm", "--dry-run", "--", "--mode", "chroma"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("--model belongs to a render job"), std::string::npos) << r.err;
  r = runCli({"submit", "--engine", "slurm", "--train", "--dry-run", "--job-dir", dir.file("j2"), "--", "--rank", "0"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("--rank is set by Slurm"), std::string::npos) << r.err;
}
