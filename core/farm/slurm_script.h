#pragma once
#include <string>

#include "core/farm/farm_job.h"

namespace filmrecover::farm {

//! An sbatch script running one array task per chunk: task i renders chunk i with
//! `filmrecover-cli render --skip-existing`, so a requeued or re-submitted task resumes.
std::string slurmScript(const FarmJob& job);

}  // namespace filmrecover::farm
