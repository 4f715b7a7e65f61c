#pragma once
// The operator's accept / reject between the catalog's mapping rows and mapping.json (the
// rows themselves are built by core/workflow mappingRecords).
#include <vector>

#include "core/match/mapping.h"
#include "core/project/catalog_records.h"

namespace filmrecover::ui {

//! Applies the catalog's flags (the operator's accept/reject) onto the pairs of `mapping`;
//! pairs not in the catalog are left as they are.
void applyRowFlags(match::Mapping& mapping, const std::vector<project::MappingRecord>& rows);
//! A mapping holding only the pairs of `rows` (when no mapping.json is at hand).
match::Mapping mappingFromRows(const std::vector<project::MappingRecord>& rows);

}  // namespace filmrecover::ui
