#pragma once

namespace filmrecover {

//! Tile side on the CPU when InferSettings::tileSize is 0 (auto): HD and 2K frames in one
//! piece, a 4K frame in 3x2 tiles within the documented memory bound (docs/engine.md).
constexpr int kCpuTileSize = 2048;

//! Estimated device bytes per pixel of one tile while the U-Net of base width `networkWidth`
//! runs on it under inference mode with activations of `elementBytes` (2 for bf16/fp16, 4 for
//! fp32): at the widest point (the last decoder block) the skip tensor (W channels), the
//! upsampled tensor (2W), the two half convolutions and their sum (W each) live at full
//! resolution: 5W values; plus the float32 input, output and padding copies (~40 bytes), all
//! doubled for cuDNN workspaces and allocator fragmentation. An estimate, not a measurement.
double tileBytesPerPixel(int networkWidth, int elementBytes);

//! The largest square tile side (a multiple of 4, between 256 and 16384) whose estimated
//! activations fit in 60% of `freeBytes` of device memory, after `frameBytes` for the whole
//! frame's buffers kept on the device (input, weighted accumulator).
int tileSizeForMemory(long long freeBytes, long long frameBytes, int networkWidth, int elementBytes);

}  // namespace filmrecover
