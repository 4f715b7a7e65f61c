// The Scope section of the QC report: how the film's model fared on each shot's unseen
// pairs, which shots it clearly failed, the scenes, and the narrower models trained for them
// with the frames each rendered (recover --scope, docs/quality.md).
#include "core/exec/xml_escape.h"
#include "core/report/report_sections.h"

namespace filmrecover::report::sections {
namespace {

std::string esc(const std::string& s) { return escapeXml(s); }
std::string figure(double v) { return v < 0 ? "&ndash;" : fixed(v, 2); }

}  // namespace

std::string scope(const ReportData& d) {
  const ScopeSummary& s = d.scope;
  if (s.scope.empty()) return "";
  std::string h = open("scope", "Scope", s.decision);
  if (!s.shots.empty()) {
    h += "<table><tr><th>Shot</th><th>Frames</th><th class=\"n\">Scene</th><th>Unseen pairs</th><th class=\"n\">Error (" +
         esc(s.unit) + ")</th><th class=\"n\">Other shots (median)</th><th>Verdict</th><th>Rendered by</th></tr>\n";
    for (const auto& r : s.shots)
      h += std::string("<tr") + (r.failing ? " class=\"bad\"" : "") + "><td class=\"n\">" + std::to_string(r.shot) +
           "</td><td>" + std::to_string(r.first) + "-" + std::to_string(r.last) + "</td><td class=\"n\">" +
           std::to_string(r.scene) + "</td><td>" + (r.judgedFrames.empty() ? "none" : esc(r.judgedFrames)) +
           "</td><td class=\"n\">" + figure(r.error) + "</td><td class=\"n\">" + figure(r.othersMedian) + "</td><td>" +
           esc(r.verdict) + "</td><td>" + (r.model.empty() ? "the film's model" : esc(r.model)) + "</td></tr>\n";
    h += "</table>\n";
  }
  if (!s.models.empty()) {
    h += "<table><tr><th>Range</th><th>Frames</th><th class=\"n\">Training pairs</th><th class=\"n\">Film's model</th>"
         "<th class=\"n\">Own model</th><th>Why</th><th>Outcome</th></tr>\n";
    for (const auto& m : s.models)
      h += "<tr><td>" + esc(m.name) + "</td><td>" + esc(m.frames) + "</td><td class=\"n\">" +
           std::to_string(m.trainPairs) + "</td><td class=\"n\">" + figure(m.broadError) + "</td><td class=\"n\">" +
           figure(m.scopedError) + "</td><td>" + esc(m.reason) + "</td><td>" + esc(m.verdict) +
           (m.kept && !m.model.empty() ? " (" + esc(m.model) + ")" : "") + "</td></tr>\n";
    h += "</table>\n";
  }
  if (!s.rule.empty()) h += "<p class=\"muted\">" + esc(s.rule) + "</p>\n";
  return h + "</section>\n";
}

}  // namespace filmrecover::report::sections
