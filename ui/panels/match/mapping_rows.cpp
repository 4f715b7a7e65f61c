#include "ui/panels/match/mapping_rows.h"

#include <map>

namespace filmrecover::ui {

std::vector<project::MappingRecord> mappingRows(const match::Mapping& mapping) {
  std::vector<project::MappingRecord> rows;
  rows.reserve(mapping.pairs.size());
  for (const auto& p : mapping.pairs) {
    project::MappingRecord r;
    r.sourceFrame = p.source;
    r.referenceFrame = p.reference;
    r.confidence = p.confidence;
    r.flagged = p.flagged();
    r.reason = p.flag;
    rows.push_back(r);
  }
  return rows;
}

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
