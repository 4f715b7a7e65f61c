// The operator's decisions on pairs (workflow/operator_decisions.h), as the workstation's
// Match and Curate panels make them: kept in the catalog, and for pair rejection also in
// mapping.json, which align and curate read whichever front end runs them.
#include <gtest/gtest.h>

#include "core/exec/errors.h"
#include "core/match/mapping.h"
#include "core/project/project_catalog.h"
#include "core/workflow/operator_decisions.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

namespace {

match::Mapping threePairs() {
  match::Mapping m;
  for (int f : {1, 2, 3}) {
    match::FramePair p;
    p.source = f;
    p.reference = f + 10;
    p.confidence = 0.9f;
    m.pairs.push_back(p);
  }
  return m;
}

std::vector<std::string> flagsOf(const match::Mapping& m) {
  std::vector<std::string> flags;
  for (const auto& p : m.pairs) flags.push_back(p.flag);
  return flags;
}

}  // namespace

TEST(OperatorDecisions, ARejectedPairIsFlaggedInTheCatalogAndInMappingJson) {
  test::TempDir dir("decisions");
  project::ProjectCatalog catalog(dir.file("p"));
  const std::string mappingPath = dir.file("p/mapping.json");
  match::writeMapping(threePairs(), mappingPath);
  catalog.replaceMapping({{1, 11, 0.9, false, ""}, {2, 12, 0.9, false, ""}, {3, 13, 0.9, false, ""}});

  workflow::setPairsAccepted(catalog, mappingPath, {1, 3}, false, "anna");
  EXPECT_EQ(flagsOf(match::readMapping(mappingPath)),
            (std::vector<std::string>{"rejected by anna", "", "rejected by anna"}));
  const auto rows = catalog.mapping();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[0].flagged);
  EXPECT_FALSE(rows[1].flagged);
  EXPECT_EQ(rows[2].reason, "rejected by anna");

  workflow::setPairsAccepted(catalog, mappingPath, {3}, true, "anna");
  EXPECT_EQ(flagsOf(match::readMapping(mappingPath)), (std::vector<std::string>{"rejected by anna", "", ""}));
  EXPECT_FALSE(catalog.mapping()[2].flagged);

  // Without a mapping.json (a project matched elsewhere) the catalog still takes the decision.
  workflow::setPairsAccepted(catalog, dir.file("p/none.json"), {2}, false, "ben");
  EXPECT_EQ(catalog.mapping()[1].reason, "rejected by ben");
}

TEST(OperatorDecisions, AMarkReplacesTheFramesDecisionAndClearingRemovesItWhoeverMadeIt) {
  test::TempDir dir("decisions");
  project::ProjectCatalog catalog(dir.file("p"));
  catalog.setCuration({5, "train", "", "auto", ""});
  catalog.setCuration({6, "train", "", "auto", ""});
  workflow::markCuration(catalog, {6, 7}, "holdout", "anna");
  auto decisionOf = [&](int frame, const std::string& who) {
    for (const auto& c : catalog.curation())
      if (c.frame == frame && c.who == who) return c.decision;
    return std::string();
  };
  EXPECT_EQ(decisionOf(6, "anna"), "holdout");
  EXPECT_EQ(decisionOf(7, "anna"), "holdout");
  EXPECT_EQ(decisionOf(6, "auto"), "") << "the operator's mark replaces the suggestion on that frame";
  EXPECT_EQ(decisionOf(5, "auto"), "train");

  // Clearing removes the frames' decisions whoever made them, and only theirs.
  workflow::markCuration(catalog, {5, 6}, "", "ben");
  EXPECT_EQ(decisionOf(5, "auto"), "");
  EXPECT_EQ(decisionOf(6, "anna"), "");
  EXPECT_EQ(decisionOf(7, "anna"), "holdout");
  EXPECT_EQ(catalog.curation().size(), 1u);
  workflow::markCuration(catalog, {5}, "train", "auto");

  EXPECT_THROW(workflow::markCuration(catalog, {5}, "maybe", "anna"), InputError);
  EXPECT_EQ(decisionOf(5, "auto"), "train");
}
