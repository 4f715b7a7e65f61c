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

void SharedCacheGate::lock_shared() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return !writing_ && writersWaiting_ == 0; });
  ++readers_;
}

void SharedCacheGate::unlock_shared() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (--readers_ == 0) changed_.notify_all();
}

void SharedCacheGate::lock() {
  std::unique_lock<std::mutex> lock(mutex_);
  ++writersWaiting_;
  changed_.wait(lock, [this] { return !writing_ && readers_ == 0; });
  --writersWaiting_;
  writing_ = true;
}

void SharedCacheGate::unlock() {
  std::lock_guard<std::mutex> lock(mutex_);
  writing_ = false;
  changed_.notify_all();
}

SharedCacheGate& sharedImageCacheGate() {
  static SharedCacheGate gate;
  return gate;
}

void invalidateCachedFile(const std::string& path) {
  std::unique_lock<SharedCacheGate> exclusive(sharedImageCacheGate());
  sharedImageCache().invalidate(OIIO::ustring(path), /*force=*/true);
}

}  // namespace filmrecover
