#pragma once
// Private to core/io: access to the shared OIIO ImageCache.
#include <OpenImageIO/imagecache.h>

namespace filmrecover {

//! The process-wide cache (created on first use, never destroyed before exit).
OIIO::ImageCache& sharedImageCache();

}  // namespace filmrecover
