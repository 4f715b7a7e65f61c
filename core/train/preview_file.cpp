#include "core/train/preview_file.h"

#include "core/io/image_writer.h"

namespace filmrecover {

void writePreviewPng(const std::string& path, const Image& strip) {
  WriteOptions o;
  o.format = "png";
  o.bitDepth = 8;
  writeImageAtomic(path, strip, o);
}

}  // namespace filmrecover
