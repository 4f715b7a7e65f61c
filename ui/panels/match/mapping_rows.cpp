#include "ui/panels/match/mapping_rows.h"

#include <map>

namespace filmrecover::ui {

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

}  // namespace filmrecover::ui
