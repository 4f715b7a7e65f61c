#pragma once
// Private to core/io: access to the shared OIIO ImageCache.
#include <OpenImageIO/imagecache.h>

#include <condition_variable>
#include <mutex>

namespace filmrecover {

//! The process-wide cache (created on first use, never destroyed before exit).
OIIO::ImageCache& sharedImageCache();

//! Reads of the shared cache hold this shared, invalidations hold it exclusive. OIIO 2.4
//! aborts (imagecache_pvt.h "levelinfo" assertion) when a file is invalidated while another
//! thread opens or reads it: e.g. the viewer decoding frames while a training run opens
//! the same sequence. Reads still run in parallel with each other. A waiting invalidation
//! goes before reads that arrive after it (std::shared_mutex on glibc lets a steady stream
//! of reads, e.g. playback decoding, hold it off for minutes).
class SharedCacheGate {
 public:
  void lock_shared();
  void unlock_shared();
  void lock();
  void unlock();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int readers_ = 0, writersWaiting_ = 0;
  bool writing_ = false;
};

SharedCacheGate& sharedImageCacheGate();

}  // namespace filmrecover
