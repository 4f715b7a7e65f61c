// Export of a project: the experiment log as Markdown, the whole catalog as JSON.
#include <sstream>

#include "core/project/project_catalog.h"

namespace filmrecover::project {
using nlohmann::json;

namespace {
// Markdown table cells must not break the row.
std::string cell(std::string s) {
  for (auto& c : s)
    if (c == '|' || c == '\n') c = ' ';
  return s.empty() ? "-" : s;
}
}  // namespace

std::string ProjectCatalog::experimentLogMarkdown() const {
  std::ostringstream md;
  const std::string title = meta("title").value_or(dir_);
  md << "# Experiment log: " << title << "\n\n";
  const auto entries = experiments();
  if (entries.empty()) md << "No trials recorded yet.\n";
  for (const auto& e : entries) {
    md << "## " << e.id << ". " << (e.title.empty() ? "Trial" : e.title) << "\n\n";
    md << "*" << e.at << "*\n\n";
    md << "| | |\n|---|---|\n";
    md << "| Frames | " << cell(e.frames) << " |\n";
    md << "| Crop | " << cell(e.crop) << " |\n";
    md << "| Alignment | " << cell(e.alignment) << " |\n";
    md << "| Colour chain | " << cell(e.colorChain) << " |\n";
    md << "| Outputs | " << cell(e.outputs) << " |\n\n";
    if (!e.settings.empty()) md << "Settings:\n\n```json\n" << e.settings.dump(2) << "\n```\n\n";
    if (!e.observations.empty()) {
      md << "Observations:\n\n";
      std::istringstream lines(e.observations);
      for (std::string line; std::getline(lines, line);) md << "- " << line << "\n";
      md << "\n";
    }
  }
  return md.str();
}

json ProjectCatalog::toJson() const {
  json doc;
  doc["format"] = "filmrecover-project";
  doc["schemaVersion"] = schemaVersion();
  doc["dir"] = dir_;
  json meta = json::object();
  for (const char* key : {"title", "operator", "institution", "mode"})
    if (auto v = this->meta(key)) meta[key] = *v;
  doc["meta"] = meta;
  json sources = json::array();
  for (const auto& s : this->sources())
    sources.push_back({{"id", s.id}, {"role", s.role}, {"spec", s.spec}, {"first", s.first}, {"last", s.last},
                       {"frameCount", s.frameCount}, {"width", s.width}, {"height", s.height}, {"info", s.info}});
  doc["sources"] = sources;
  json mapping = json::array();
  for (const auto& m : this->mapping())
    mapping.push_back({{"source", m.sourceFrame}, {"reference", m.referenceFrame}, {"confidence", m.confidence},
                       {"flagged", m.flagged}, {"reason", m.reason}});
  doc["mapping"] = mapping;
  json defects = json::array();
  for (const auto& d : frameDefects())
    defects.push_back({{"role", d.role}, {"stage", d.stage}, {"frame", d.frame}, {"path", d.path}, {"kind", d.kind},
                       {"message", d.message}, {"foundAt", d.foundAt}});
  doc["frameDefects"] = defects;
  json transforms = json::array();
  for (const auto& t : this->transforms())
    transforms.push_back({{"frame", t.sourceFrame}, {"matrix", t.matrix}, {"residual", t.residual},
                          {"inlierRatio", t.inlierRatio}, {"flagged", t.flagged}, {"reason", t.reason}});
  doc["transforms"] = transforms;
  if (auto c = crop()) doc["crop"] = {{"x0", c->x0}, {"y0", c->y0}, {"x1", c->x1}, {"y1", c->y1}};
  json curation = json::array();
  for (const auto& c : this->curation())
    curation.push_back({{"frame", c.frame}, {"decision", c.decision}, {"reason", c.reason}, {"who", c.who},
                        {"at", c.at}});
  doc["curation"] = curation;
  json runs = json::array();
  for (const auto& r : trainingRuns())
    runs.push_back({{"id", r.id}, {"mode", r.mode}, {"settings", r.settings}, {"model", r.modelPath},
                    {"status", r.status}, {"startedAt", r.startedAt}, {"finishedAt", r.finishedAt},
                    {"metrics", r.metrics}});
  doc["trainingRuns"] = runs;
  json renders = json::array();
  for (const auto& r : this->renders())
    renders.push_back({{"id", r.id}, {"run", r.runId}, {"output", r.output}, {"frames", r.frames},
                       {"provenance", r.provenance}, {"status", r.status}, {"startedAt", r.startedAt},
                       {"finishedAt", r.finishedAt}});
  doc["renders"] = renders;
  json log = json::array();
  for (const auto& e : experiments())
    log.push_back({{"id", e.id}, {"at", e.at}, {"title", e.title}, {"frames", e.frames}, {"crop", e.crop},
                   {"alignment", e.alignment}, {"colorChain", e.colorChain}, {"settings", e.settings},
                   {"outputs", e.outputs}, {"observations", e.observations}});
  doc["experiments"] = log;
  json st = json::array();
  for (const auto& s : stages())
    st.push_back({{"name", s.name}, {"key", s.key}, {"status", s.status}, {"result", s.result},
                  {"updatedAt", s.updatedAt}});
  doc["stages"] = st;
  doc["quality"] = quality();
  return doc;
}

}  // namespace filmrecover::project
