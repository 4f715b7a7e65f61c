#pragma once
// Thumbnails of pairs made on worker threads and kept in memory, newest request first, so a
// contact sheet of thousands of pairs scrolls smoothly: painting never waits for a decode.
#include <QCache>
#include <QImage>
#include <QObject>
#include <QThreadPool>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>

#include "core/image/image.h"

namespace filmrecover::ui {

//! Reads the two pictures of a pair (left: source, right: reference or aligned reference);
//! called on worker threads, must be thread-safe; may return an empty Image for a side.
using PairReader = std::function<std::pair<Image, Image>(int key)>;

//! An in-memory cache of pair thumbnails keyed by source frame.
class ThumbnailCache : public QObject {
  Q_OBJECT
 public:
  //! Thumbnails are `width` pixels wide per side (height from the picture's aspect).
  explicit ThumbnailCache(int width = 128, QObject* parent = nullptr);
  ~ThumbnailCache() override;

  //! Sets what thumbnails show; clears the cache.
  void setReader(PairReader reader);
  //! The thumbnail of `key` when cached; otherwise a null image and a request is queued
  //! (ready(key) follows). Requests beyond `maxPending` drop the oldest ones.
  QImage thumbnail(int key);
  //! True when `key` is cached.
  bool contains(int key) const;
  //! Thumbnails made since the reader was set (tests).
  int made() const { return made_; }
  //! Requests queued or running.
  int pending() const;
  //! Waits until no request is queued or running (tests).
  void waitForIdle();
  //! Scales an image to a QImage `width` wide (area average), for display.
  static QImage toQImage(const Image& image, int width);

 Q_SIGNALS:
  //! The thumbnail of `key` is now cached.
  void ready(int key);

 private:
  void runOne();

  int width_;
  PairReader reader_;
  QCache<int, QImage> cache_;
  QThreadPool pool_;
  mutable std::mutex mutex_;
  std::deque<int> queue_;      // newest at the back
  std::set<int> queued_;
  int generation_ = 0;
  int made_ = 0;
  static constexpr int maxPending = 192;
};

}  // namespace filmrecover::ui
