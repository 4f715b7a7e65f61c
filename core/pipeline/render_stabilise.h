#pragma once
// What the render stage of `recover` asks of the correction stabiliser (core/infer): on for
// chroma and combined recovery, split at the source's cuts that match found.
#include <string>

#include "core/infer/correction_stabiliser.h"

namespace filmrecover::pipeline {

//! Stabilisation for a recovery in `mode` ("chroma", "spatial", "combined"): enabled when
//! `wanted` and the mode recovers colour; cuts read from the mapping at `mappingPath` (the
//! source's shots), none when it does not exist.
StabiliseSettings stabiliseSettingsFor(const std::string& mode, const std::string& mappingPath, bool wanted);

}  // namespace filmrecover::pipeline
