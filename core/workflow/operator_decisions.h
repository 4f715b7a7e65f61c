#pragma once
// The operator's decisions on pairs, made one way for every front end: accepting or
// rejecting matched pairs (kept in step between the catalog and mapping.json, which align
// and curate read) and marking pairs for training, hold-out or rejection on the contact
// sheet. The workstation's panels call these; each is one short catalog transaction.
#include <set>
#include <string>
#include <vector>

#include "core/match/mapping.h"
#include "core/project/catalog_records.h"

namespace filmrecover::project {
class ProjectCatalog;
}

namespace filmrecover::workflow {

//! Applies the catalog's flags (the operator's accept/reject) onto the pairs of `mapping`;
//! pairs not in the catalog are left as they are.
void applyRowFlags(match::Mapping& mapping, const std::vector<project::MappingRecord>& rows);
//! A mapping holding only the pairs of `rows` (when no mapping.json is at hand).
match::Mapping mappingFromRows(const std::vector<project::MappingRecord>& rows);

//! Accepts (or rejects, flagged "rejected by WHO") the matched pairs of the source `frames`
//! in the catalog, then in `mappingPath` when that file exists (atomically), so align and
//! curate see the operator's decision whichever front end runs them. Returns the catalog's
//! rows after the change. Throws what reading or writing mapping.json throws, after the
//! catalog holds the decision.
std::vector<project::MappingRecord> setPairsAccepted(project::ProjectCatalog& catalog, const std::string& mappingPath,
                                                     const std::set<int>& frames, bool accepted,
                                                     const std::string& who);

//! Marks the pairs of `frames` "train", "holdout" or "rejected" as `who`'s decision (the
//! catalog keeps one decision per frame: this replaces the suggestion's or another
//! operator's); an empty `decision` clears the frames' decisions, whoever made them.
//! InputError for another decision.
void markCuration(project::ProjectCatalog& catalog, const std::set<int>& frames, const std::string& decision,
                  const std::string& who);

}  // namespace filmrecover::workflow
