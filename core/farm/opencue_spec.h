#pragma once
#include <string>

#include "core/farm/farm_job.h"

namespace filmrecover::farm {

//! An OpenCue job spec (cjsl-1.12 XML, valid against that DTD): one layer per contiguous
//! run of frames, chunked by the job's chunk size; each frame chunk runs
//! `render --frames #FRAME_START#-#FRAME_END#` on `cores` = --cpus whole cores. Throws
//! InputError naming the flag for what Cuebot would refuse: a job, show or shot name that
//! is not 3+ of [A-Za-z0-9_.-], an empty or spaced user, a path with a control character.
std::string openCueSpec(const FarmJob& job);

}  // namespace filmrecover::farm
