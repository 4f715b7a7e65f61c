#pragma once
// Private to core/io: access to the shared OIIO ImageCache.
#include <OpenImageIO/imagecache.h>

#include <shared_mutex>

namespace filmrecover {

//! The process-wide cache (created on first use, never destroyed before exit).
OIIO::ImageCache& sharedImageCache();

//! Reads of the shared cache hold this shared, invalidations hold it exclusive. OIIO 2.4
//! aborts (imagecache_pvt.h "levelinfo" assertion) when a file is invalidated while another
//! thread opens or reads it: e.g. the viewer decoding frames while a training run opens
//! the same sequence. Reads still run in parallel with each other.
std::shared_mutex& sharedImageCacheGate();

}  // namespace filmrecover
