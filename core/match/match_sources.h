#pragma once
#include <memory>
#include <string>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/io/frame_source.h"
#include "core/match/frame_access.h"
#include "core/match/mapping.h"
#include "core/match/match_options.h"

namespace filmrecover::match {

//! A FrameAccess reading from an opened io source; its cache key holds the spec, the frame
//! list, the size and the size and modification time of the first, middle and last files
//! (or of the movie), so a changed element is described again.
FrameAccess fromFrameSource(std::shared_ptr<FrameSource> source);

//! Start timecode of an element in frames ("HH:MM:SS:FF" in smpte:TimeCode, dpx:TimeCode or
//! timecode metadata) at `rate` frames per second; false when it carries none.
bool startTimecodeFrames(const std::string& timecode, double rate, long long& frames);

//! Temporal overlap of two elements: describes both (cached in options.cacheDir), then
//! matchDescriptors(). Progress stages: "describe source", "describe reference", "match".
//! Throws InputError when an element has no frame or a frame cannot be read, CancelledError
//! when `cancel` is set.
Mapping matchSources(const FrameAccess& source, const FrameAccess& reference,
                     const MatchOptions& options, const CancelToken& cancel = {},
                     const ProgressCallback& progress = {});

//! The same from two io sources.
Mapping matchSources(std::shared_ptr<FrameSource> source, std::shared_ptr<FrameSource> reference,
                     const MatchOptions& options, const CancelToken& cancel = {},
                     const ProgressCallback& progress = {});

}  // namespace filmrecover::match
