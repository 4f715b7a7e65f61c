#include "ui/viewer/frame_cache.h"

namespace filmrecover::ui {

FrameCache::FrameCache(size_t capacityBytes) : capacity_(capacityBytes) {}

std::shared_ptr<const Image> FrameCache::get(uint64_t source, int frame) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find({source, frame});
  if (it == entries_.end()) return nullptr;
  ages_.splice(ages_.begin(), ages_, it->second.age);
  return it->second.image;
}

bool FrameCache::contains(uint64_t source, int frame) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.count({source, frame}) != 0;
}

void FrameCache::put(uint64_t source, int frame, std::shared_ptr<const Image> image) {
  if (!image) return;
  std::lock_guard<std::mutex> lock(mutex_);
  const Key key{source, frame};
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    used_ -= frameBytes(*it->second.image);
    ages_.erase(it->second.age);
    entries_.erase(it);
  }
  ages_.push_front(key);
  used_ += frameBytes(*image);
  entries_[key] = Entry{std::move(image), ages_.begin()};
  evictLocked();
}

void FrameCache::evictLocked() {
  // Keep at least the newest frame, even when it alone is over the capacity.
  while (used_ > capacity_ && ages_.size() > 1) {
    const Key oldest = ages_.back();
    ages_.pop_back();
    auto it = entries_.find(oldest);
    used_ -= frameBytes(*it->second.image);
    entries_.erase(it);
  }
}

void FrameCache::removeSource(uint64_t source) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->first.first == source) {
      used_ -= frameBytes(*it->second.image);
      ages_.erase(it->second.age);
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

void FrameCache::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
  ages_.clear();
  used_ = 0;
}

std::set<int> FrameCache::framesOf(uint64_t source) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::set<int> frames;
  for (auto it = entries_.lower_bound({source, INT32_MIN});
       it != entries_.end() && it->first.first == source; ++it)
    frames.insert(it->first.second);
  return frames;
}

size_t FrameCache::capacityBytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return capacity_;
}

void FrameCache::setCapacityBytes(size_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  capacity_ = bytes;
  evictLocked();
}

size_t FrameCache::usedBytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return used_;
}

}  // namespace filmrecover::ui
