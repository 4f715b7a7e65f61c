#pragma once
// Writing and reading single image files. Every write is atomic.
#include <string>

#include "core/image/image.h"

namespace filmrecover {

//! How a frame is written.
struct WriteOptions {
  std::string format;                 //!< "" = from the extension; or exr dpx tif png jpg
  std::string exrDataType = "half";   //!< "half" or "float"
  std::string exrCompression = "zip"; //!< any OIIO OpenEXR compression name
  int bitDepth = 0;                   //!< 0 = per-format default: dpx 10, tif 16, png 16, jpg 8
  ImageAttributes attributes;         //!< written as metadata (added to the image's own attributes)
  bool operator==(const WriteOptions& o) const {
    return format == o.format && exrDataType == o.exrDataType && exrCompression == o.exrCompression &&
           bitDepth == o.bitDepth && attributes == o.attributes;
  }
};

//! Atomic: writes a temp file in the same folder then renames; the target is either complete
//! or absent. The image's own attributes and options.attributes (which win) are written as
//! metadata. Throws InputError for an unknown format or bad options, RunError naming the path
//! when writing fails (missing or read-only folder, disk full); no temp file is left behind.
void writeImageAtomic(const std::string& path, const Image& image, const WriteOptions& options = {});

//! Removes the temp files that writeImageAtomic left in `folder` when its process was killed
//! mid-write (hidden `.NAME.tmp-PID-N.EXT` whose PID no longer runs); another live writer's
//! temp files stay. Returns how many were removed. A missing folder removes nothing.
int removeStaleWriteTemporaries(const std::string& folder);

//! Reads one file as float RGB (grey replicated, alpha dropped), attributes filled from
//! its metadata. Throws InputError naming the path when it is missing, unreadable or truncated.
Image readImageFile(const std::string& path);

//! The canonical short format name for an extension or a format flag ("exr", "dpx", "tif",
//! "png", "jpg"); throws InputError naming `nameOrPath` when it is none of them.
std::string imageFormatFor(const std::string& nameOrPath);

}  // namespace filmrecover
