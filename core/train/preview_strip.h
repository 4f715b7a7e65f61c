#pragma once
#include "core/dataset/recovery_mode.h"
#include "core/train/train_events.h"

namespace filmrecover {

//! Builds a preview from planar crops (C x H x W each): the network input, the target and the
//! output, recombined per mode into R'G'B' images (spatial input has no chroma: shown grey).
PreviewEvent makePreview(long long step, int frame, RecoveryMode mode, const float* input,
                         const float* target, const float* output, int height, int width);

//! The three images side by side, for a PNG beside the model.
Image previewStrip(const PreviewEvent& preview);

}  // namespace filmrecover
