#pragma once
// What `filmrecover-cli info` reports about a source, as JSON and as text, and the frame
// check behind `info --verify`.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/io/frame_source.h"

namespace filmrecover {

//! The source as one JSON object: spec, kind, pattern, codec, frames (compact frame set),
//! first/last, count, missing (frame set and count), width, height, channels, dataType,
//! frameRate (null when unknown), colour (colour-related metadata) and metadata (all of it).
nlohmann::json sourceSummaryJson(const SourceInfo& info);

//! The same as aligned "name: value" lines for people.
std::string sourceSummaryText(const SourceInfo& info);

//! The colour-related subset of `metadata`: colour space, chromaticities, transfer, primaries,
//! matrix, range, gamma, ICC profile presence.
ImageAttributes colourMetadata(const ImageAttributes& metadata);

//! Decodes `frames` (all of the source when empty) on `threads` threads (0 = hardware), so a
//! truncated or corrupt frame is found now rather than mid-run. Throws the InputError of the
//! first bad frame (lowest number); reports progress per frame.
void verifyFrames(const FrameSource& source, const std::vector<int>& frames, int threads,
                  const ProgressCallback& progress, const CancelToken* cancel = nullptr);

}  // namespace filmrecover
