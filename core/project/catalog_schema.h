#pragma once
#include <string>
#include <vector>

namespace filmrecover::project {

//! SQL that takes a catalog from version i to i+1 (index i); applied in one transaction
//! each and recorded in PRAGMA user_version. Never edit a shipped step: append a new one.
const std::vector<std::string>& catalogMigrations();

}  // namespace filmrecover::project
