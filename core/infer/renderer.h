#pragma once
#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/infer/render_job.h"

namespace filmrecover {

//! Renders `job`: decode, inference and encode run as overlapping stages (decoders read ahead
//! on `decodeThreads` workers, the network runs one frame at a time on every core, encoders
//! write on `encodeThreads` workers; bounded queues keep at most a few frames in memory).
//! Each frame is written atomically with provenance (recovery type, model and its checksum
//! and training date, training and hold-out frames, source, software version,
//! IPTCDigitalSourceType). Progress ("frame N done") goes to `progress`; cancel stops after
//! the frames in flight (finished frames stay; a re-run with skipExisting resumes).
//! Throws InputError before any work when the model, source, frames or pattern are bad;
//! frames that fail mid-run are listed in the result and the others still render.
RenderResult renderSequence(const RenderJob& job, const ProgressCallback& progress = {},
                            const CancelToken& cancel = {});

}  // namespace filmrecover
