#pragma once
// What `filmrecover-cli info` reports about a source, as JSON and as text, and the frame
// check behind `info --verify`.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/io/frame_defect.h"
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
//! defective frame is found now rather than mid-run. Returns every defect, by frame: frames
//! asked for that do not exist and, when all frames are checked, the gaps of the sequence
//! ("missing"), then whatever read() found (truncated, unreadable, another size or channel
//! count, NaN/Inf, concealed movie frames). Reports progress per frame.
std::vector<FrameDefect> verifyFrames(const FrameSource& source, const std::vector<int>& frames, int threads,
                                      const ProgressCallback& progress, const CancelToken* cancel = nullptr);

//! Defects found without decoding, from file sizes alone (one stat per file): empty files,
//! and, for formats whose frames all have one size (DPX, Cineon), files
//! shorter than most of the sequence's. What `info` shows without --verify; --verify decides.
std::vector<FrameDefect> suspectFramesBySize(const FrameSource& source);

}  // namespace filmrecover
