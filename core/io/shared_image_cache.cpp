#include "core/io/shared_image_cache.h"

#include <cstdlib>

#include <OpenImageIO/ustring.h>

#include "core/io/oiio_cache.h"

namespace filmrecover {

int sharedImageCacheMegabytes() {
  const char* env = std::getenv("FILMRECOVER_IMAGECACHE_MB");
  const int mb = env ? std::atoi(env) : 0;
  return mb > 0 ? mb : 512;
}

OIIO::ImageCache& sharedImageCache() {
  static OIIO::ImageCache* cache = [] {
    OIIO::ImageCache* c = OIIO::ImageCache::create(/*shared=*/true);
    c->attribute("max_memory_MB", static_cast<float>(sharedImageCacheMegabytes()));
    // Frames are read whole, once each, mostly in order: tiles of untiled files as whole
    // scanline bands keep the bookkeeping small; no mipmaps are made.
    c->attribute("autotile", 0);
    c->attribute("automip", 0);
    c->attribute("max_open_files", 200);
    // A failed read must name the file; keep OIIO from retrying broken files silently.
    c->attribute("failure_retries", 0);
    return c;
  }();
  return *cache;
}

std::shared_mutex& sharedImageCacheGate() {
  static std::shared_mutex gate;
  return gate;
}

void invalidateCachedFile(const std::string& path) {
  std::unique_lock<std::shared_mutex> exclusive(sharedImageCacheGate());
  sharedImageCache().invalidate(OIIO::ustring(path), /*force=*/true);
}

}  // namespace filmrecover
