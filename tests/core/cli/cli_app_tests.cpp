#include <gtest/gtest.h>

#include "core/version.h"
#include "tests/support/test_support.h"

using filmrecover::test::runCli;

TEST(CliApp, VersionPrintsTheProjectVersion) {
  auto r = runCli({"--version"});
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_NE(r.out.find(FILMRECOVER_VERSION), std::string::npos) << r.out;
}

TEST(CliApp, HelpListsEveryCommandOfTheContract) {
  auto r = runCli({"--help"});
  EXPECT_EQ(r.exitCode, 0);
  for (const char* cmd : {"info", "match", "align", "curate", "train", "render", "grade",
                          "compare", "recover", "report", "submit", "bench"})
    EXPECT_NE(r.out.find(cmd), std::string::npos) << "missing command " << cmd;
}

TEST(CliApp, UnknownCommandIsBadUsage) {
  auto r = runCli({"frobnicate"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("frobnicate"), std::string::npos) << r.err;
}

TEST(CliApp, NoCommandIsBadUsage) {
  auto r = runCli({});
  EXPECT_EQ(r.exitCode, 1);
}
