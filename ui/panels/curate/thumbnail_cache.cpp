#include "ui/panels/curate/thumbnail_cache.h"

#include <QMetaObject>
#include <QPainter>
#include <QThread>
#include <algorithm>
#include <cmath>

namespace filmrecover::ui {

ThumbnailCache::ThumbnailCache(int width, QObject* parent) : QObject(parent), width_(width) {
  cache_.setMaxCost(192 * 1024);  // KiB: ~3000 thumbnails of 2 x 128 x 72
  // One core stays with the GUI thread (and the training job may hold the others).
  pool_.setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
}

ThumbnailCache::~ThumbnailCache() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.clear();
    queued_.clear();
  }
  pool_.waitForDone();
}

void ThumbnailCache::setReader(PairReader reader) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.clear();
    queued_.clear();
    ++generation_;
  }
  pool_.waitForDone();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    reader_ = std::move(reader);
  }
  cache_.clear();
  made_ = 0;
}

bool ThumbnailCache::contains(int key) const { return cache_.contains(key); }

int ThumbnailCache::pending() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return int(queued_.size()) + pool_.activeThreadCount();
}

void ThumbnailCache::waitForIdle() { pool_.waitForDone(); }

QImage ThumbnailCache::thumbnail(int key) {
  if (QImage* cached = cache_.object(key)) return *cached;
  if (!reader_) return {};
  std::lock_guard<std::mutex> lock(mutex_);
  if (queued_.count(key)) {
    // Asked again (still visible): move it to the front of the line.
    queue_.erase(std::find(queue_.begin(), queue_.end(), key));
    queue_.push_back(key);
    return {};
  }
  queue_.push_back(key);
  queued_.insert(key);
  while (int(queue_.size()) > maxPending) {  // scrolled past: forget the oldest asks
    queued_.erase(queue_.front());
    queue_.pop_front();
  }
  pool_.start([this]() { runOne(); });
  return {};
}

void ThumbnailCache::runOne() {
  int key = 0, generation = 0;
  PairReader reader;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (queue_.empty()) return;  // dropped meanwhile
    key = queue_.back();         // newest first: what the user looks at now
    queue_.pop_back();
    queued_.erase(key);
    generation = generation_;
    reader = reader_;
  }
  QImage result;
  try {
    auto [left, right] = reader(key);
    const QImage a = toQImage(left, width_);
    const QImage b = toQImage(right, width_);
    const int h = std::max(a.height(), b.height());
    result = QImage(width_ * 2 + 2, std::max(h, 8), QImage::Format_RGB32);
    result.fill(QColor(0x18, 0x18, 0x1a));
    QPainter p(&result);
    if (!a.isNull()) p.drawImage(0, (result.height() - a.height()) / 2, a);
    if (!b.isNull()) p.drawImage(width_ + 2, (result.height() - b.height()) / 2, b);
  } catch (const std::exception&) {
    // A frame that cannot be read shows as a dark tile with a cross; the sheet stays usable.
    result = QImage(width_ * 2 + 2, width_ * 9 / 16, QImage::Format_RGB32);
    result.fill(QColor(0x30, 0x18, 0x18));
    QPainter p(&result);
    p.setPen(QColor(0xe0, 0x55, 0x55));
    p.drawLine(0, 0, result.width(), result.height());
    p.drawLine(0, result.height(), result.width(), 0);
  }
  QMetaObject::invokeMethod(
      this,
      [this, key, generation, result]() {
        if (generation != generation_) return;  // made for an old reader
        cache_.insert(key, new QImage(result), std::max<qsizetype>(1, result.sizeInBytes() / 1024));
        ++made_;
        Q_EMIT ready(key);
      },
      Qt::QueuedConnection);
}

QImage ThumbnailCache::toQImage(const Image& image, int width) {
  if (image.empty() || image.width <= 0) return {};
  const int w = std::min(width, image.width);
  const int h = std::max(1, int(std::lround(double(image.height) * w / image.width)));
  QImage out(w, h, QImage::Format_RGB32);
  const double sx = double(image.width) / w, sy = double(image.height) / h;
  const int c = image.channels;
  for (int y = 0; y < h; ++y) {
    const int y0 = int(y * sy), y1 = std::max(y0 + 1, int((y + 1) * sy));
    auto* line = reinterpret_cast<QRgb*>(out.scanLine(y));
    for (int x = 0; x < w; ++x) {
      const int x0 = int(x * sx), x1 = std::max(x0 + 1, int((x + 1) * sx));
      float sum[3] = {0, 0, 0};
      // Average a sparse grid of at most 4 x 4 samples of the block: enough for a thumbnail.
      const int stepY = std::max(1, (y1 - y0) / 4), stepX = std::max(1, (x1 - x0) / 4);
      int n = 0;
      for (int yy = y0; yy < y1; yy += stepY)
        for (int xx = x0; xx < x1; xx += stepX) {
          const float* px = &image.pixels[(size_t(yy) * image.width + xx) * c];
          for (int k = 0; k < 3; ++k) sum[k] += px[std::min(k, c - 1)];
          ++n;
        }
      auto to8 = [n](float v) { return std::clamp(int(std::lround(v / n * 255.0f)), 0, 255); };
      line[x] = qRgb(to8(sum[0]), to8(sum[1]), to8(sum[2]));
    }
  }
  return out;
}

}  // namespace filmrecover::ui
