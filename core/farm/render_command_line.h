#pragma once
#include <string>

#include "core/farm/farm_job.h"

namespace filmrecover::farm {

//! The shell command a farm task runs: `filmrecover-cli render ... --frames FRAMES
//! --skip-existing`; `framesExpression` is inserted unquoted (a shell variable or a
//! scheduler token), everything else is quoted.
std::string renderCommandLine(const FarmJobOptions& options, const std::string& framesExpression);

}  // namespace filmrecover::farm
