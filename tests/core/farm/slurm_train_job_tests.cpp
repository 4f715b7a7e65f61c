#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/exec/errors.h"
#include "core/farm/slurm_train_job.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::farm;
namespace fs = std::filesystem;

namespace {

SlurmTrainJobOptions trainOptions(const test::TempDir& dir) {
  SlurmTrainJobOptions o;
  o.trainArgs = {"--mode", "chroma", "--input", "/films/scan.####.exr", "--target", "/films/aligned dir/#.exr",
                 "--dataset", "/films/dataset.json", "-o", "/films/film.frm", "--steps", "4000"};
  o.nodes = 4;
  o.jobName = "reel3-train";
  o.jobDir = dir.file("job");
  o.cliPath = "/opt/filmrecover/bin/filmrecover-cli";
  o.cpusPerTask = 16;
  o.memoryGb = 32;
  o.gpusPerNode = 1;
  o.timeLimit = "12:00:00";
  o.partition = "gpu";
  return o;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(SlurmTrainJob, ScriptRunsOneRankPerNodeWithTheMasterOnTheFirstNode) {
  test::TempDir dir("train-job");
  const PreparedTrainJob job = prepareSlurmTrainJob(trainOptions(dir));
  std::ifstream in(job.scriptPath);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string s = ss.str();
  EXPECT_EQ(s.rfind("#!/bin/bash\n", 0), 0u);
  for (const char* line : {"#SBATCH --job-name=reel3-train\n", "#SBATCH --nodes=4\n", "#SBATCH --ntasks-per-node=1\n",
                           "#SBATCH --cpus-per-task=16\n", "#SBATCH --mem=32G\n", "#SBATCH --gpus-per-node=1\n",
                           "#SBATCH --time=12:00:00\n", "#SBATCH --partition=gpu\n"})
    EXPECT_TRUE(contains(s, line)) << line << "\n" << s;
  EXPECT_TRUE(contains(s, "#SBATCH --output=" + fs::absolute(dir.file("job")).lexically_normal().string() +
                              "/logs/%x-%j.log\n")) << s;
  // The master: the allocation's first host; a per-job port.
  EXPECT_TRUE(contains(s, "MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)\nexport MASTER_ADDR\n"));
  EXPECT_TRUE(contains(s, "export MASTER_PORT=${MASTER_PORT:-$((20000 + SLURM_JOB_ID % 20000))}\n"));
  // The tasks start where the submitter was (relative paths in the train arguments).
  EXPECT_TRUE(contains(s, "\ncd '" + fs::current_path().string() + "'\n") ||
              contains(s, "\ncd " + fs::current_path().string() + "\n")) << s;
  // srun runs train on every node, arguments quoted (the space in a path survives), threads
  // from the allocation.
  EXPECT_TRUE(contains(s, "exec srun --kill-on-bad-exit=1 --nodes=4 --ntasks-per-node=1 "
                          "/opt/filmrecover/bin/filmrecover-cli train --mode chroma --input /films/scan.####.exr "
                          "--target '/films/aligned dir/#.exr' --dataset /films/dataset.json -o /films/film.frm "
                          "--steps 4000 --threads \"${SLURM_CPUS_PER_TASK:-16}\"\n")) << s;
  // The rank and the world size come from srun, not the script.
  EXPECT_FALSE(contains(s, "--rank"));
  EXPECT_FALSE(contains(s, "--world-size"));
  EXPECT_EQ(job.submitCommand, (std::vector<std::string>{"sbatch", "--parsable", job.scriptPath}));
  EXPECT_TRUE((fs::status(job.scriptPath).permissions() & fs::perms::owner_exec) != fs::perms::none);
  EXPECT_TRUE(fs::is_directory(dir.file("job/logs")));
  // The script is valid shell.
  EXPECT_EQ(std::system(("bash -n '" + job.scriptPath + "'").c_str()), 0);
}

TEST(SlurmTrainJob, AFixedPortAndNoResourcesAskedFor) {
  test::TempDir dir("train-job");
  SlurmTrainJobOptions o = trainOptions(dir);
  o.masterPort = 31234;
  o.cpusPerTask = o.memoryGb = o.gpusPerNode = 0;
  o.partition.clear();
  const std::string s = slurmTrainScript(o);
  EXPECT_TRUE(contains(s, "export MASTER_PORT=31234\n"));
  EXPECT_FALSE(contains(s, "--cpus-per-task"));
  EXPECT_FALSE(contains(s, "--mem"));
  EXPECT_FALSE(contains(s, "--gpus-per-node"));
  EXPECT_FALSE(contains(s, "--partition"));
  EXPECT_FALSE(contains(s, "--threads"));
}

TEST(SlurmTrainJob, BadOptionsNameTheFlag) {
  test::TempDir dir("train-job");
  SlurmTrainJobOptions o = trainOptions(dir);
  o.nodes = 0;
  EXPECT_NE(test::inputErrorOf([&] { slurmTrainScript(o); }).find("--nodes 0"), std::string::npos);
  o = trainOptions(dir);
  o.trainArgs.clear();
  EXPECT_NE(test::inputErrorOf([&] { slurmTrainScript(o); }).find("--train needs"), std::string::npos);
  for (const char* flag : {"--rank", "--world-size", "--master"}) {
    o = trainOptions(dir);
    o.trainArgs.push_back(std::string(flag) + "=1");
    EXPECT_NE(test::inputErrorOf([&] { slurmTrainScript(o); }).find(std::string(flag) + " is set by Slurm"),
              std::string::npos) << flag;
  }
  o = trainOptions(dir);
  o.masterPort = 70000;
  EXPECT_NE(test::inputErrorOf([&] { slurmTrainScript(o); }).find("--master-port 70000"), std::string::npos);
}

TEST(SlurmTrainJob, SubmitHandsTheScriptToSbatchAndReadsTheJobId) {
  test::TempDir dir("train-job");
  const PreparedTrainJob job = prepareSlurmTrainJob(trainOptions(dir));
  // A stand-in sbatch that records its arguments and answers as sbatch --parsable does.
  fs::create_directories(dir.file("bin"));
  std::ofstream(dir.file("bin/sbatch")) << "#!/bin/sh\necho \"$@\" > '" << dir.file("args") << "'\necho '4242;cluster'\n";
  fs::permissions(dir.file("bin/sbatch"), fs::perms::owner_all);
  const std::string oldPath = std::getenv("PATH");
  setenv("PATH", (dir.file("bin") + ":" + oldPath).c_str(), 1);
  const std::string id = submitSlurmTrainJob(job);
  setenv("PATH", oldPath.c_str(), 1);
  EXPECT_EQ(id, "4242");
  std::ifstream in(dir.file("args"));
  std::string args;
  std::getline(in, args);
  EXPECT_EQ(args, "--parsable " + job.scriptPath);
}
