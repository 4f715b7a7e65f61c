#pragma once
// The report's Scope section from the scope stage's result in the catalog.
#include <nlohmann/json.hpp>

#include "core/report/report_data.h"

namespace filmrecover::pipeline {

//! The summary the report shows of a scope stage's result (stage_scope.cpp); empty (scope
//! "") for a work dir without one.
report::ScopeSummary scopeSummaryOf(const nlohmann::json& scopeResult);

}  // namespace filmrecover::pipeline
