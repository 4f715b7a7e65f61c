// The report's Scope section: the per-shot table (a failing shot marked), the narrower
// models with both errors and where each one's model is, text escaped; absent without a
// scope decision.
#include <gtest/gtest.h>

#include "core/report/report_html.h"

using namespace filmrecover;
using namespace filmrecover::report;

namespace {

ReportData withScope() {
  ReportData d;
  d.mode = "chroma";
  d.scope.scope = "auto";
  d.scope.unit = "dE2000";
  d.scope.decision = "--scope auto: 2 shots in 2 scene(s), 1 failing the broad model; 1 of 1 narrower model(s) kept";
  d.scope.rule = "A shot fails when its error is at least 1.5x the median of the other judged shots.";
  ScopeShot a;
  a.shot = 1, a.first = 1, a.last = 12, a.scene = 1, a.judgedFrames = "8,10", a.error = 2.0, a.othersMedian = 6.5;
  a.verdict = "served";
  ScopeShot b;
  b.shot = 2, b.first = 13, b.last = 24, b.scene = 2, b.judgedFrames = "18", b.error = 6.5, b.othersMedian = 2.0;
  b.failing = true, b.verdict = "fails", b.model = "/w/models/scene-2/model.frm";
  ScopeShot c;
  c.shot = 3, c.first = 25, c.last = 30, c.scene = 2, c.verdict = "not judged: <no pair>";
  d.scope.shots = {a, b, c};
  ScopeModel m;
  m.name = "scene-2", m.frames = "13-30", m.model = "/w/models/scene-2/model.frm", m.trainPairs = 5;
  m.broadError = 6.5, m.scopedError = 1.5, m.trained = m.kept = true, m.verdict = "kept";
  d.scope.models = {m};
  return d;
}

}  // namespace

TEST(ScopeSection, ShowsEachShotTheDecisionAndTheNarrowerModels) {
  const std::string html = renderReportHtml(withScope());
  const auto at = html.find("<section id=\"scope\">");
  ASSERT_NE(at, std::string::npos);
  const std::string section = html.substr(at, html.find("</section>", at) - at);
  EXPECT_NE(html.find("href=\"#scope\""), std::string::npos) << "in the table of contents";
  EXPECT_NE(section.find("1 failing the broad model"), std::string::npos);
  EXPECT_NE(section.find("<tr class=\"bad\"><td class=\"n\">2</td>"), std::string::npos) << "the failing shot is marked";
  EXPECT_NE(section.find("6.50"), std::string::npos);
  EXPECT_NE(section.find("/w/models/scene-2/model.frm"), std::string::npos);
  EXPECT_NE(section.find("the film's model"), std::string::npos) << "shot 1 stays with the film's model";
  EXPECT_NE(section.find("&lt;no pair&gt;"), std::string::npos) << "text is escaped";
  EXPECT_EQ(section.find("<no pair>"), std::string::npos);
  EXPECT_NE(section.find("1.50"), std::string::npos) << "the narrower model's error";
  EXPECT_NE(section.find("1.5x the median"), std::string::npos) << "the rule";
}

TEST(ScopeSection, IsLeftOutWithoutAScopeDecision) {
  ReportData d = withScope();
  d.scope = {};
  const std::string html = renderReportHtml(d);
  EXPECT_EQ(html.find("<section id=\"scope\">"), std::string::npos);
  EXPECT_EQ(html.find("href=\"#scope\""), std::string::npos);
}
