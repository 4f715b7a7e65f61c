#include "core/pipeline/project_summary.h"

#include <sstream>

#include "core/exec/errors.h"
#include "core/project/project_catalog.h"

namespace filmrecover::pipeline {
using nlohmann::json;

json projectSummary(const std::string& dir, std::string& human) {
  if (!project::ProjectCatalog::isProject(dir)) throw InputError(dir + " is not a filmrecover project folder.");
  project::ProjectCatalog catalog(dir);
  std::ostringstream out;
  json doc;
  doc["project"] = dir;
  doc["title"] = catalog.meta("title").value_or("");
  doc["mode"] = catalog.meta("mode").value_or("");
  out << "project " << dir << " (" << doc["title"].get<std::string>() << ", " << doc["mode"].get<std::string>()
      << ")\n";
  json sources = json::array();
  for (const auto& s : catalog.sources()) {
    sources.push_back({{"role", s.role}, {"spec", s.spec}, {"frames", s.frameCount}, {"first", s.first},
                       {"last", s.last}, {"width", s.width}, {"height", s.height}});
    out << s.role << ": " << s.spec << "  " << s.first << "-" << s.last << " (" << s.frameCount << " frames) "
        << s.width << "x" << s.height << "\n";
  }
  doc["sources"] = sources;
  json stages = json::array();
  out << "stages:";
  for (const auto& s : catalog.stages()) {
    stages.push_back({{"name", s.name}, {"status", s.status}, {"updatedAt", s.updatedAt}});
    out << " " << s.name << "=" << s.status;
  }
  out << "\n";
  doc["stages"] = stages;
  int train = 0, holdout = 0, rejected = 0;
  for (const auto& c : catalog.curation())
    (c.decision == "train" ? train : c.decision == "holdout" ? holdout : rejected)++;
  doc["curation"] = {{"train", train}, {"holdout", holdout}, {"rejected", rejected}};
  out << "curation: " << train << " train, " << holdout << " hold-out, " << rejected << " rejected\n";
  const auto runs = catalog.trainingRuns();
  doc["trainingRuns"] = runs.size();
  if (!runs.empty()) {
    const auto& r = runs.back();
    doc["lastRun"] = {{"status", r.status}, {"model", r.modelPath}, {"metrics", r.metrics}};
    out << "last training run: " << r.status << ", hold-out PSNR " << r.metrics.value("holdoutPsnr", -1.0)
        << " dB (identity " << r.metrics.value("identityPsnr", -1.0) << " dB)\n";
  }
  const json q = catalog.quality();
  if (!q.empty()) {
    doc["quality"] = q;
    out << "better colour: " << q.value("betterColour", "unknown") << ", better detail: "
        << q.value("betterDetail", "unknown") << "\n";
    if (q.contains("shots"))
      for (const auto& s : q["shots"])
        out << "  shot " << s.value("first", 0) << "-" << s.value("last", 0) << ": reference covers "
            << static_cast<int>(100 * s.value("coverage", 0.0)) << "%, colour " << s.value("betterColour", "?")
            << ", detail " << s.value("betterDetail", "?") << "\n";
    if (q.contains("sourceUncovered") && !q["sourceUncovered"].empty()) {
      out << "  source ranges without reference:";
      for (const auto& r : q["sourceUncovered"]) out << " " << r[0].get<int>() << "-" << r[1].get<int>();
      out << "\n";
    }
  }
  human = out.str();
  if (!human.empty() && human.back() == '\n') human.pop_back();
  return doc;
}

}  // namespace filmrecover::pipeline
