#include "core/pipeline/report_scope.h"

#include <map>
#include <sstream>

#include "core/io/frame_set.h"

namespace filmrecover::pipeline {
using nlohmann::json;

report::ScopeSummary scopeSummaryOf(const json& r) {
  report::ScopeSummary s;
  if (!r.is_object() || !r.contains("scope")) return s;
  s.scope = r.value("scope", std::string());
  s.unit = r.value("measure", std::string("dE2000"));
  s.decision = r.value("decision", std::string());
  // Which model rendered each shot: a kept range's, else the film's.
  std::map<int, std::string> modelOfShot;
  for (const auto& range : r.value("ranges", json::array())) {
    report::ScopeModel m;
    m.name = range.value("name", std::string());
    m.kind = range.value("kind", std::string());
    m.frames = range.value("frames", std::string());
    m.model = range.value("model", std::string());
    m.reason = range.value("reason", std::string());
    m.verdict = range.value("verdict", std::string());
    m.trainPairs = static_cast<int>(range.value("trainFrames", json::array()).size());
    m.broadError = range.value("broadError", -1.0);
    m.scopedError = range.value("scopedError", -1.0);
    m.trained = range.value("trained", false);
    m.kept = range.value("kept", false);
    if (m.kept)
      for (const auto& shot : range.value("shots", json::array())) modelOfShot[shot.get<int>()] = m.model;
    s.models.push_back(m);
  }
  for (const auto& shot : r.value("shots", json::array())) {
    report::ScopeShot row;
    row.shot = shot.value("shot", 0);
    row.first = shot.value("first", 0);
    row.last = shot.value("last", 0);
    row.scene = shot.value("scene", 0);
    row.judgedFrames = formatFrameSet(shot.value("judgedFrames", std::vector<int>{}));
    row.error = shot.value("error", -1.0);
    row.othersMedian = shot.value("othersMedian", -1.0);
    row.failing = shot.value("failing", false);
    row.verdict = shot.value("verdict", std::string());
    if (modelOfShot.count(row.shot)) row.model = modelOfShot[row.shot];
    s.shots.push_back(row);
  }
  if (r.contains("rule")) {
    const json& rule = r["rule"];
    std::ostringstream t;
    t << "Error: the film's model on each shot's pairs it was not trained on (hold-out first, at most "
      << rule.value("maxJudgedPerShot", 0) << " a shot), " << s.unit;
    t << " against the aligned reference in blocks of " << r.value("measureBlock", 1) << " px";
    t << ". A shot fails when its error is at least " << rule.value("failRatio", 0.0)
      << "x the median of the other judged shots and " << rule.value("failMargin", 0.0)
      << " above it. Consecutive shots are one scene when the film's model errs alike on them: ";
    const std::string by = r.value("sceneMeasure", std::string("colour"));
    if (by != "luma")
      t << "their mean colour errors (reference minus output, a*, b*) within " << rule.value("sceneMargin", 0.0)
        << " of each other";
    if (by == "both") t << ", and ";
    if (by != "colour")
      t << "their mean luma errors (reference minus output) within " << rule.value("sceneLumaMargin", 0.0)
        << " % of each other";
    t << ". A narrower model needs " << rule.value("minTrainPairs", 0)
      << " training pairs and is kept only where it beats the film's model on the range's unseen pairs.";
    s.rule = t.str();
  }
  return s;
}

}  // namespace filmrecover::pipeline
