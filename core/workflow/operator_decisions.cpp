#include "core/workflow/operator_decisions.h"

#include <filesystem>
#include <map>

#include "core/project/project_catalog.h"

namespace filmrecover::workflow {

void applyRowFlags(match::Mapping& mapping, const std::vector<project::MappingRecord>& rows) {
  std::map<int, const project::MappingRecord*> bySource;
  for (const auto& r : rows) bySource[r.sourceFrame] = &r;
  for (auto& p : mapping.pairs) {
    auto it = bySource.find(p.source);
    if (it == bySource.end()) continue;
    p.flag = it->second->flagged ? (it->second->reason.empty() ? "rejected" : it->second->reason) : "";
  }
}

match::Mapping mappingFromRows(const std::vector<project::MappingRecord>& rows) {
  match::Mapping mapping;
  for (const auto& r : rows) {
    match::FramePair p;
    p.source = r.sourceFrame;
    p.reference = r.referenceFrame;
    p.confidence = float(r.confidence);
    p.flag = r.flagged ? (r.reason.empty() ? "rejected" : r.reason) : "";
    mapping.pairs.push_back(p);
  }
  return mapping;
}

std::vector<project::MappingRecord> setPairsAccepted(project::ProjectCatalog& catalog, const std::string& mappingPath,
                                                     const std::set<int>& frames, bool accepted,
                                                     const std::string& who) {
  auto rows = catalog.mapping();
  for (auto& r : rows) {
    if (!frames.count(r.sourceFrame)) continue;
    r.flagged = !accepted;
    r.reason = accepted ? "" : "rejected by " + who;
  }
  catalog.replaceMapping(rows);
  if (!mappingPath.empty() && std::filesystem::exists(mappingPath)) {
    match::Mapping m = match::readMapping(mappingPath);
    applyRowFlags(m, rows);
    match::writeMapping(m, mappingPath);
  }
  return rows;
}

void markCuration(project::ProjectCatalog& catalog, const std::set<int>& frames, const std::string& decision,
                  const std::string& who) {
  if (decision.empty()) {
    // Each decider's rows are rewritten without these frames.
    std::map<std::string, std::vector<project::CurationRecord>> byWho;
    std::set<std::string> touched;
    for (const auto& c : catalog.curation()) {
      if (frames.count(c.frame))
        touched.insert(c.who);
      else
        byWho[c.who].push_back(c);
    }
    for (const auto& w : touched) catalog.replaceCuration(w, byWho[w]);
    return;
  }
  const std::string at = project::ProjectCatalog::now();
  for (int f : frames) catalog.setCuration({f, decision, "", who, at});
}

}  // namespace filmrecover::workflow
