#pragma once
#include <string>

#include "core/farm/farm_job.h"

namespace filmrecover::farm {

//! An OpenCue job spec (cjsl XML): one layer per contiguous run of frames, chunked by
//! the job's chunk size; each frame chunk runs `render --frames #FRAME_START#-#FRAME_END#`.
std::string openCueSpec(const FarmJob& job);

}  // namespace filmrecover::farm
