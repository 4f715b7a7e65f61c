// The project catalog: every table round-trips, the schema migrates, exports are complete,
// and a writer killed at a random moment leaves a sound, consistent catalog.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "core/exec/errors.h"
#include "core/project/catalog_schema.h"
#include "core/project/project_catalog.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::project;

TEST(ProjectCatalog, CreatesAFolderWithAVersionedWalCatalog) {
  test::TempDir dir("project");
  const std::string projectDir = dir.file("p");
  EXPECT_FALSE(ProjectCatalog::isProject(projectDir));
  ProjectCatalog p(projectDir);
  EXPECT_TRUE(ProjectCatalog::isProject(projectDir));
  EXPECT_EQ(p.schemaVersion(), kCatalogSchemaVersion);
  EXPECT_EQ(p.integrityCheck(), "ok");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((std::filesystem::path(projectDir) / kCatalogFileName).c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "wal");
  sqlite3_finalize(s);
  sqlite3_close(db);
}

TEST(ProjectCatalog, EveryRecordRoundTrips) {
  test::TempDir dir("project");
  {
    ProjectCatalog p(dir.file("p"));
    p.setMeta("title", "Mission Kill reel 3");
    SourceRecord src{0, "source", "/scans/r3.####.exr", 1001, 1100, 100, 2048, 1556, {{"fps", 24}}};
    const int64_t id = p.addSource(src);
    EXPECT_EQ(p.addSource(src), id);  // same role + spec updates, no duplicate
    p.addSource({0, "reference", "/dvd/title.mpg", 1, 120, 120, 720, 576, {}});
    p.setDescriptor(id, 1001, {0.5f, 0.25f, 1.0f});
    p.replaceMapping({{1001, 3, 0.98, false, ""}, {1002, 4, 0.31, true, "low confidence"}});
    p.replaceFrameDefects("source", "match", {{"", "", 1040, "/scans/r3.1040.exr", "truncated", "cut short", ""},
                                              {"", "", 1007, "/scans/r3.1007.exr", "missing", "gone", ""}});
    p.replaceFrameDefects("source", "render", {{"", "", 1060, "/scans/r3.1060.exr", "non-finite", "NaN", ""}});
    p.replaceFrameDefects("source", "match", {{"", "", 1007, "/scans/r3.1007.exr", "missing", "gone", ""}});
    TransformRecord t;
    t.sourceFrame = 1001;
    t.matrix = {2.8, 0.01, 5, -0.01, 2.7, -3, 0, 0, 1};
    t.residual = 0.2;
    p.replaceTransforms({t});
    p.setCrop({10, 20, 2000, 1500});
    p.setCuration({1001, "train", "", "auto", ""});
    p.setCuration({1050, "holdout", "", "anna", ""});
    p.setCuration({1002, "rejected", "flash frame", "anna", ""});
    EXPECT_THROW(p.setCuration({1003, "maybe", "", "anna", ""}), InputError);
    const int64_t run = p.beginTrainingRun({0, "chroma", {{"steps", 400}}, "/w/model.frm", "", "", "", {}});
    p.addRunMetrics(run, {{10, "train_loss", 0.1}, {20, "train_loss", 0.05}, {20, "holdout_psnr", 31.5}});
    p.finishTrainingRun(run, "done", {{"holdout_psnr", 31.5}});
    const int64_t render = p.beginRender({0, run, "/w/out.####.exr", "1001-1100", {}, "", "", ""});
    p.finishRender(render, "done", {{"model", "/w/model.frm"}});
    const int64_t e = p.addExperiment({0, "", "First chroma pass", "train 1001,1020 | holdout 1050",
                                       "10,20-2000,1500", "similarity", "Rec.709 display", {{"steps", 400}},
                                       "/w/out.####.exr", "skin tones stable"});
    p.addObservation(e, "sky slightly cyan");
    p.setStage({"match", "abc123", "done", {{"pairs", 2}}, ""});
    p.setQuality({{"betterColour", "reference"}});
  }
  ProjectCatalog p(dir.file("p"));  // reopened: everything is on disk
  EXPECT_EQ(p.meta("title").value(), "Mission Kill reel 3");
  ASSERT_EQ(p.sources().size(), 2u);
  EXPECT_EQ(p.sourceByRole("reference")->width, 720);
  EXPECT_EQ(p.sources()[0].info["fps"], 24);
  EXPECT_EQ(p.descriptor(p.sources()[0].id, 1001).value(), (std::vector<float>{0.5f, 0.25f, 1.0f}));
  EXPECT_FALSE(p.descriptor(p.sources()[0].id, 1002).has_value());
  // A stage's defects replace what that stage recorded before; other stages' stay.
  const auto defects = p.frameDefects();
  ASSERT_EQ(defects.size(), 2u);
  EXPECT_EQ(defects[0].frame, 1007);
  EXPECT_EQ(defects[0].stage, "match");
  EXPECT_EQ(defects[0].role, "source");
  EXPECT_EQ(defects[1].frame, 1060);
  EXPECT_EQ(defects[1].kind, "non-finite");
  EXPECT_FALSE(defects[1].foundAt.empty());
  ASSERT_EQ(p.mapping().size(), 2u);
  EXPECT_TRUE(p.mapping()[1].flagged);
  EXPECT_EQ(p.mapping()[1].reason, "low confidence");
  EXPECT_DOUBLE_EQ(p.transforms().at(0).matrix[0], 2.8);
  EXPECT_EQ(p.crop().value(), (Rect{10, 20, 2000, 1500}));
  ASSERT_EQ(p.curation().size(), 3u);
  EXPECT_EQ(p.curation()[1].decision, "rejected");
  EXPECT_EQ(p.curation()[1].who, "anna");
  EXPECT_FALSE(p.curation()[1].at.empty());
  ASSERT_EQ(p.trainingRuns().size(), 1u);
  EXPECT_EQ(p.trainingRuns()[0].status, "done");
  EXPECT_EQ(p.runMetric(p.trainingRuns()[0].id, "train_loss").size(), 2u);
  EXPECT_EQ(p.renders().at(0).provenance["model"], "/w/model.frm");
  EXPECT_EQ(p.experiments().at(0).observations, "skin tones stable\nsky slightly cyan");
  EXPECT_EQ(p.stage("match")->key, "abc123");
  EXPECT_FALSE(p.stage("train").has_value());
  EXPECT_EQ(p.quality()["betterColour"], "reference");

  // replaceCuration only touches the decisions of the one who makes them.
  p.replaceCuration("auto", {{1010, "train", "", "", ""}});
  const auto c = p.curation();
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].frame, 1002);
  EXPECT_EQ(c[1].frame, 1010);

  const std::string md = p.experimentLogMarkdown();
  EXPECT_NE(md.find("# Experiment log: Mission Kill reel 3"), std::string::npos);
  EXPECT_NE(md.find("First chroma pass"), std::string::npos);
  EXPECT_NE(md.find("- sky slightly cyan"), std::string::npos);
  EXPECT_NE(md.find("| Alignment | similarity |"), std::string::npos);
  const auto doc = p.toJson();
  EXPECT_EQ(doc["schemaVersion"], kCatalogSchemaVersion);
  EXPECT_EQ(doc["mapping"].size(), 2u);
  EXPECT_EQ(doc["frameDefects"][1]["path"], "/scans/r3.1060.exr");
  EXPECT_EQ(doc["trainingRuns"][0]["metrics"]["holdout_psnr"], 31.5);
  EXPECT_EQ(doc["experiments"][0]["colorChain"], "Rec.709 display");
  EXPECT_EQ(doc["crop"]["x1"], 2000);
}

// recover renders a scoped film range by range, each with its own model; a range's render
// replaces what the stage found on its own frames and keeps what the other ranges found.
TEST(ProjectCatalog, ARenderOfOneRangeReplacesTheDefectsOfThatRangeOnly) {
  test::TempDir dir("project");
  ProjectCatalog p(dir.file("p"));
  p.replaceFrameDefects("source", "render", {{"", "", 12, "/s.0012.exr", "truncated", "cut", ""},
                                             {"", "", 40, "/s.0040.exr", "missing", "gone", ""}});
  p.replaceFrameDefects("source", "match", {{"", "", 13, "/s.0013.exr", "missing", "gone", ""}});
  // Frames 1-20 rendered again: 12 has been repaired, 15 is found damaged.
  std::vector<int> firstRange;
  for (int f = 1; f <= 20; ++f) firstRange.push_back(f);
  p.replaceFrameDefects("source", "render", {{"", "", 15, "/s.0015.exr", "non-finite", "NaN", ""}}, firstRange);
  std::vector<std::pair<std::string, int>> found;
  for (const auto& d : p.frameDefects()) found.push_back({d.stage, d.frame});
  EXPECT_EQ(found, (std::vector<std::pair<std::string, int>>{{"match", 13}, {"render", 15}, {"render", 40}}));
  // Without frames the stage's rows are all replaced.
  p.replaceFrameDefects("source", "render", {});
  ASSERT_EQ(p.frameDefects().size(), 1u);
  EXPECT_EQ(p.frameDefects()[0].stage, "match");
}

TEST(ProjectCatalog, MigratesAnOlderCatalogAndRefusesANewerOne) {
  test::TempDir dir("project");
  const auto file = (dir.path() / kCatalogFileName).string();
  {
    // A version-1 catalog as the first release wrote it, with data in it.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, catalogMigrations()[0].c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=1; INSERT INTO meta VALUES('title','old');", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  {
    ProjectCatalog p(dir.path().string());
    EXPECT_EQ(p.schemaVersion(), kCatalogSchemaVersion);
    EXPECT_EQ(p.meta("title").value(), "old");
    p.setQuality({{"ok", true}});  // the table the migration added works
    EXPECT_EQ(p.quality()["ok"], true);
  }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  EXPECT_THROW(ProjectCatalog p(dir.path().string()), InputError);
}

// A child writes trials in a loop, each transaction adding an experiment, a curation
// decision and bumping a counter; the parent SIGKILLs it mid-stream. The reopened catalog
// must pass integrity_check and hold whole transactions only (counter == rows).
TEST(ProjectCatalog, SurvivesAKillDuringWrites) {
  test::TempDir dir("project");
  const std::string projectDir = dir.file("p");
  { ProjectCatalog p(projectDir); }
  for (int round = 0; round < 3; ++round) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      try {
        ProjectCatalog p(projectDir);
        for (int i = 0;; ++i) {
          const int64_t e = p.addExperiment({0, "", "trial", std::to_string(i), "", "", "", {{"i", i}}, "", ""});
          p.setCuration({static_cast<int>(e), "train", "", "auto", ""});
          std::vector<MappingRecord> rows;
          for (int k = 0; k < 50; ++k) rows.push_back({k, k + i, 0.9, false, ""});
          p.replaceMapping(rows);
          const auto n = std::to_string(p.experiments().size());
          p.setMeta("experiments", n);
        }
      } catch (...) {
        _exit(3);
      }
      _exit(0);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + 70 * round));
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped on its own (status " << status << ")";

    ProjectCatalog p(projectDir);
    EXPECT_EQ(p.integrityCheck(), "ok");
    const auto experiments = p.experiments();
    EXPECT_GT(experiments.size(), 0u);
    // Each replaceMapping is all-or-nothing: always exactly 50 rows.
    EXPECT_EQ(p.mapping().size(), 50u);
    // The counter lags the experiments by at most the one trial that was in flight.
    const int counted = std::stoi(p.meta("experiments").value_or("0"));
    EXPECT_LE(static_cast<int>(experiments.size()) - counted, 1);
    EXPECT_GE(static_cast<int>(experiments.size()), counted);
    // And it still takes writes.
    p.addExperiment({0, "", "after kill", "", "", "", "", {}, "", ""});
  }
}
