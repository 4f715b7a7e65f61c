#pragma once
// Frames of the synthetic scenarios, written as the image files a scanner or telecine would
// deliver (PNG, JPEG), through OpenCV's encoders.
#include <string>

#include "core/image/image.h"

namespace filmrecover::synth {

//! Writes `image` as a 16-bit PNG (or 8-bit JPEG when the name ends in .jpg), atomically:
//! a temporary file in the same folder renamed over the target.
void writeImageFile(const std::string& path, const Image& image, int jpegQuality = 90);

}  // namespace filmrecover::synth
