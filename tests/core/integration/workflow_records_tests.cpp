// One project built step by step with the per-stage commands (--project) and one built by
// recover hold the same records: the workflow layer records every stage one way.
#include <algorithm>
#include <filesystem>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/project/project_catalog.h"
#include "tests/core/integration/recover_helpers.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::test;
namespace fs = std::filesystem;

namespace {

std::set<std::string> keysOf(const nlohmann::json& j) {
  std::set<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.insert(k);
  return keys;
}

//! The records two projects of the same material and choices must share, whoever built them.
void expectSameRecords(const project::ProjectCatalog& a, const project::ProjectCatalog& b) {
  EXPECT_EQ(a.meta("title"), b.meta("title"));
  const auto sa = a.sources(), sb = b.sources();
  ASSERT_EQ(sa.size(), sb.size());
  for (size_t i = 0; i < sa.size(); ++i) {
    EXPECT_EQ(sa[i].role, sb[i].role);
    EXPECT_EQ(sa[i].spec, sb[i].spec);
    EXPECT_EQ(sa[i].frameCount, sb[i].frameCount);
    EXPECT_EQ(sa[i].width, sb[i].width);
    EXPECT_EQ(sa[i].info, sb[i].info);
  }
  const auto ma = a.mapping(), mb = b.mapping();
  ASSERT_EQ(ma.size(), mb.size());
  for (size_t i = 0; i < ma.size(); ++i) {
    EXPECT_EQ(ma[i].sourceFrame, mb[i].sourceFrame);
    EXPECT_EQ(ma[i].referenceFrame, mb[i].referenceFrame);
    EXPECT_EQ(ma[i].flagged, mb[i].flagged);
    EXPECT_NEAR(ma[i].confidence, mb[i].confidence, 1e-6);
  }
  const auto ta = a.transforms(), tb = b.transforms();
  ASSERT_EQ(ta.size(), tb.size());
  for (size_t i = 0; i < ta.size(); ++i) {
    EXPECT_EQ(ta[i].sourceFrame, tb[i].sourceFrame);
    EXPECT_EQ(ta[i].flagged, tb[i].flagged);
    for (int k = 0; k < 9; ++k) EXPECT_NEAR(ta[i].matrix[k], tb[i].matrix[k], 1e-3) << "frame " << ta[i].sourceFrame;
  }
  ASSERT_TRUE(a.crop() && b.crop());
  EXPECT_EQ(a.crop()->x0, b.crop()->x0);
  EXPECT_EQ(a.crop()->x1, b.crop()->x1);
  const auto ca = a.curation(), cb = b.curation();
  ASSERT_EQ(ca.size(), cb.size());
  for (size_t i = 0; i < ca.size(); ++i) {
    EXPECT_EQ(ca[i].frame, cb[i].frame);
    EXPECT_EQ(ca[i].decision, cb[i].decision);
    EXPECT_EQ(ca[i].reason, cb[i].reason);
    EXPECT_EQ(ca[i].who, cb[i].who);
  }
  const auto ra = a.trainingRuns(), rb = b.trainingRuns();
  ASSERT_EQ(ra.size(), 1u);
  ASSERT_EQ(rb.size(), 1u);
  EXPECT_EQ(ra[0].status, "done");
  EXPECT_EQ(rb[0].status, "done");
  EXPECT_EQ(ra[0].mode, rb[0].mode);
  EXPECT_EQ(keysOf(ra[0].metrics), keysOf(rb[0].metrics)) << "one JSON form of a training result";
  EXPECT_EQ(keysOf(ra[0].settings), keysOf(rb[0].settings));
  EXPECT_EQ(ra[0].settings["train"], rb[0].settings["train"]);
  EXPECT_EQ(ra[0].metrics["steps"], rb[0].metrics["steps"]);
  EXPECT_EQ(a.runMetric(ra[0].id, "train_loss").size(), b.runMetric(rb[0].id, "train_loss").size());
  EXPECT_FALSE(a.runMetric(ra[0].id, "holdout_loss").empty());
  const auto da = a.renders(), db = b.renders();
  ASSERT_EQ(da.size(), 2u) << "the model's render and the baseline";
  ASSERT_EQ(db.size(), 2u);
  for (size_t i = 0; i < da.size(); ++i) {
    EXPECT_EQ(da[i].status, "done");
    EXPECT_EQ(da[i].status, db[i].status);
    EXPECT_EQ(da[i].frames, db[i].frames);
    EXPECT_EQ(da[i].runId > 0, db[i].runId > 0);
    EXPECT_EQ(keysOf(da[i].provenance), keysOf(db[i].provenance));
  }
  EXPECT_EQ(da[0].runId, ra[0].id) << "the render names the run whose model it used";
  const auto ea = a.experiments(), eb = b.experiments();
  ASSERT_EQ(ea.size(), eb.size());
  for (size_t i = 0; i < ea.size(); ++i) EXPECT_EQ(ea[i].title, eb[i].title);
  EXPECT_EQ(a.frameDefects().size(), b.frameDefects().size());
}

}  // namespace

TEST(WorkflowRecords, PerStageCommandsAndRecoverRecordTheSameProject) {
  TempDir dir("workflow-records");
  const auto s = synth::writeScenario(dir.file("material"), synth::ScenarioOptions::chroma(128, 96, 24, 5));
  const std::string stepwise = dir.file("stepwise"), recovered = dir.file("recovered");
  const std::vector<std::string> training = {"--steps", "20", "--size", "S", "--batch", "2", "--crop", "32"};

  auto run = [](std::vector<std::string> args) {
    const auto r = runCli(args);
    EXPECT_EQ(r.exitCode, 0) << args.front() << ": " << r.err;
  };
  run({"match", s.sourcePattern, s.referencePattern, "--project", stepwise});
  run({"align", s.sourcePattern, s.referencePattern, "--project", stepwise});
  run({"curate", "--project", stepwise, "--train", "6", "--holdout", "2"});
  std::vector<std::string> train = {"train", "--mode", "chroma", "--project", stepwise, "--median", "3"};
  train.insert(train.end(), training.begin(), training.end());
  run(train);
  run({"render", "--project", stepwise, "-o", dir.file("stepwise-out/restored.####.exr")});
  run({"grade", "--project", stepwise});

  std::vector<std::string> recover = {"recover", "--mode", "chroma", s.sourcePattern, s.referencePattern,
                                      "-o", dir.file("recovered-out/restored.####.exr"), "--work-dir", recovered,
                                      "--train", "6", "--holdout", "2",
                                      // The per-stage commands train one model for the film; recover's
                                      // narrower models (--scope auto) would add runs and renders of
                                      // their own to a 20-step model's uneven shots.
                                      "--scope", "sequence"};
  recover.insert(recover.end(), training.begin(), training.end());
  run(recover);

  const project::ProjectCatalog a(stepwise), b(recovered);
  expectSameRecords(a, b);
  // The same files in the same places, and the exports beside the catalog.
  for (const std::string& file : {"mapping.json", "aligned/transforms.json", "dataset.json", "models/model.frm",
                                   "baseline/match_grade.cube", "experiment_log.md", "project.json"}) {
    EXPECT_TRUE(fs::exists(stepwise + "/" + file)) << "stepwise " << file;
    EXPECT_TRUE(fs::exists(recovered + "/" + file)) << "recover " << file;
  }
}

TEST(WorkflowRecords, ProjectFlagNamesWhatIsMissing) {
  TempDir dir("workflow-records-missing");
  const auto r = runCli({"train", "--mode", "chroma", "--project", dir.file("nothing-here")});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("no project in"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing-here"), std::string::npos) << r.err;
  const auto m = runCli({"match", "a.####.exr", "b.####.exr"});
  EXPECT_EQ(m.exitCode, 1);
  EXPECT_NE(m.err.find("-o/--output is required (or --project DIR"), std::string::npos) << m.err;
}
