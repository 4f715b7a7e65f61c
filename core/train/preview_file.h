#pragma once
#include <string>

#include "core/image/image.h"

namespace filmrecover {

//! Writes a training preview strip as an 8-bit PNG, atomically (core/io). Full build only:
//! set it as TrainJob::previewFiles where previews should land beside the model.
void writePreviewPng(const std::string& path, const Image& strip);

}  // namespace filmrecover
