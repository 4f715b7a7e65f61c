#include <gtest/gtest.h>

#include <map>

#include "core/exec/errors.h"
#include "core/train/distributed_settings.h"

using namespace filmrecover;

namespace {

EnvironmentLookup env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string errorOf(const DistributedRequest& r, const EnvironmentLookup& e) {
  try {
    resolveDistributedSettings(r, e);
  } catch (const InputError& x) {
    return x.what();
  }
  return "";
}

}  // namespace

TEST(DistributedSettings, NothingGivenIsOneProcess) {
  const auto d = resolveDistributedSettings({}, env({}));
  EXPECT_EQ(d.worldSize, 1);
  EXPECT_EQ(d.rank, 0);
  EXPECT_FALSE(d.enabled());
}

TEST(DistributedSettings, TheUsualVariables) {
  const auto d = resolveDistributedSettings(
      {}, env({{"WORLD_SIZE", "4"}, {"RANK", "3"}, {"MASTER_ADDR", "node07"}, {"MASTER_PORT", "29611"}}));
  EXPECT_EQ(d.worldSize, 4);
  EXPECT_EQ(d.rank, 3);
  EXPECT_EQ(d.masterAddr, "node07");
  EXPECT_EQ(d.masterPort, 29611);
  EXPECT_EQ(d.describe(), "rank 3 of 4");
}

TEST(DistributedSettings, FlagsWinOverTheEnvironment) {
  DistributedRequest r;
  r.worldSize = 2;
  r.rank = 1;
  r.master = "10.0.0.5:40000";
  r.timeoutSeconds = 30;
  const auto d = resolveDistributedSettings(
      r, env({{"WORLD_SIZE", "8"}, {"RANK", "5"}, {"MASTER_ADDR", "x"}, {"MASTER_PORT", "1"},
              {"FILMRECOVER_DIST_TIMEOUT", "900"}}));
  EXPECT_EQ(d.worldSize, 2);
  EXPECT_EQ(d.rank, 1);
  EXPECT_EQ(d.masterAddr, "10.0.0.5");
  EXPECT_EQ(d.masterPort, 40000);
  EXPECT_EQ(d.timeoutSeconds, 30);
}

TEST(DistributedSettings, UnderSrunSlurmsOwnVariables) {
  const auto d = resolveDistributedSettings(
      {}, env({{"SLURM_NTASKS", "3"}, {"SLURM_PROCID", "2"}, {"SLURM_JOB_NODELIST", "gpu[12-14]"},
               {"SLURM_STEP_NODELIST", "rack[2-3]-n[007,009]"}}));
  EXPECT_EQ(d.worldSize, 3);
  EXPECT_EQ(d.rank, 2);
  EXPECT_EQ(d.masterAddr, "rack2-n007");  // the step's list before the job's
  EXPECT_EQ(d.masterPort, 29500);
  // WORLD_SIZE / RANK / MASTER_* (set by a launcher) win over Slurm's.
  const auto e = resolveDistributedSettings(
      {}, env({{"SLURM_NTASKS", "3"}, {"SLURM_PROCID", "2"}, {"SLURM_JOB_NODELIST", "gpu[12-14]"},
               {"WORLD_SIZE", "2"}, {"RANK", "0"}, {"MASTER_PORT", "31000"}}));
  EXPECT_EQ(e.worldSize, 2);
  EXPECT_EQ(e.rank, 0);
  EXPECT_EQ(e.masterAddr, "gpu12");
  EXPECT_EQ(e.masterPort, 31000);
}

TEST(DistributedSettings, FirstSlurmHost) {
  EXPECT_EQ(firstSlurmHost("node01", "list"), "node01");
  EXPECT_EQ(firstSlurmHost("a,b", "list"), "a");
  EXPECT_EQ(firstSlurmHost("node[03-05,9],gpu1", "list"), "node03");
  EXPECT_EQ(firstSlurmHost("n[1,4]", "list"), "n1");
  EXPECT_THROW(firstSlurmHost("", "list"), InputError);
  EXPECT_THROW(firstSlurmHost("node[01-02", "list"), InputError);
  EXPECT_THROW(firstSlurmHost("[1-2]", "list"), InputError);
}

TEST(DistributedSettings, BadValuesNameTheFlag) {
  DistributedRequest r;
  r.worldSize = 2;
  r.rank = 2;
  r.master = "h:1";
  EXPECT_NE(errorOf(r, env({})).find("--rank 2 is outside 0..1"), std::string::npos) << errorOf(r, env({}));
  r.rank = 0;
  r.master = "node01";
  EXPECT_NE(errorOf(r, env({})).find("--master 'node01' has no port"), std::string::npos);
  r.master = "node01:http";
  EXPECT_NE(errorOf(r, env({})).find("--master port 'http'"), std::string::npos) << errorOf(r, env({}));
  r.master = "node01:70000";
  EXPECT_NE(errorOf(r, env({})).find("outside 1..65535"), std::string::npos);
  r.master = ":29500";
  EXPECT_NE(errorOf(r, env({})).find("no address"), std::string::npos);
  r.master.reset();
  EXPECT_NE(errorOf(r, env({})).find("give --master ADDR:PORT"), std::string::npos);
  r.worldSize = 0;
  EXPECT_NE(errorOf(r, env({})).find("--world-size 0 must be at least 1"), std::string::npos);
  EXPECT_NE(errorOf({}, env({{"RANK", "x"}})).find("RANK 'x' is not a whole number"), std::string::npos);
  EXPECT_NE(errorOf({}, env({{"WORLD_SIZE", "2"}, {"RANK", "1"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "0"}}))
                .find("MASTER_PORT port 0"),
            std::string::npos);
  const auto v6 = parseMasterAddress("[fe80::1]:29500", "--master");
  EXPECT_EQ(v6.first, "fe80::1");
  EXPECT_EQ(v6.second, 29500);
}
