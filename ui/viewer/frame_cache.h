#pragma once
// Decoded frames kept in memory, least recently used dropped first, bounded in bytes.
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <utility>

#include "core/image/image.h"

namespace filmrecover::ui {

//! A thread-safe LRU cache of frames keyed by (source id, frame number).
class FrameCache {
 public:
  using Key = std::pair<uint64_t, int>;
  //! A cache holding at most `capacityBytes` of pixels.
  explicit FrameCache(size_t capacityBytes = size_t(2) << 30);

  //! The frame, or null; a hit makes it the most recently used.
  std::shared_ptr<const Image> get(uint64_t source, int frame);
  //! True when the frame is cached (does not touch its age).
  bool contains(uint64_t source, int frame) const;
  //! Stores a frame, dropping the least recently used ones beyond the capacity.
  void put(uint64_t source, int frame, std::shared_ptr<const Image> image);
  //! Forgets every frame of one source.
  void removeSource(uint64_t source);
  //! Forgets everything.
  void clear();
  //! Frames of `source` in the cache (for the timeline's cached-range bar).
  std::set<int> framesOf(uint64_t source) const;

  size_t capacityBytes() const;
  void setCapacityBytes(size_t bytes);
  size_t usedBytes() const;
  //! Bytes of one frame of w x h x channels floats.
  static size_t frameBytes(const Image& image) { return image.pixels.size() * sizeof(float); }

 private:
  void evictLocked();
  struct Entry {
    std::shared_ptr<const Image> image;
    std::list<Key>::iterator age;
  };
  mutable std::mutex mutex_;
  size_t capacity_;
  size_t used_ = 0;
  std::map<Key, Entry> entries_;
  std::list<Key> ages_;  // front = most recently used
};

}  // namespace filmrecover::ui
