#include "ui/viewer/playback.h"

#include <algorithm>
#include <cmath>

namespace filmrecover::ui {

Playback::Playback(QObject* parent) : QObject(parent) {
  timer_.setTimerType(Qt::PreciseTimer);
  connect(&timer_, &QTimer::timeout, this, &Playback::tick);
}

void Playback::setFrames(std::vector<int> frames, double fps) {
  stop();
  frames_ = std::move(frames);
  fps_ = fps > 0 ? fps : 24.0;
  index_ = inIndex_ = 0;
  outIndex_ = frames_.empty() ? 0 : static_cast<int>(frames_.size()) - 1;
  Q_EMIT rangeChanged();
  if (!frames_.empty()) Q_EMIT frameChanged(current());
}

int Playback::nearestIndex(int frame) const {
  auto it = std::lower_bound(frames_.begin(), frames_.end(), frame);
  if (it == frames_.end()) return static_cast<int>(frames_.size()) - 1;
  if (it != frames_.begin() && (*it - frame) > (frame - *(it - 1))) --it;
  return static_cast<int>(it - frames_.begin());
}

void Playback::seekIndex(int index) {
  if (frames_.empty()) return;
  index = std::clamp(index, 0, static_cast<int>(frames_.size()) - 1);
  if (index == index_) return;
  index_ = index;
  Q_EMIT frameChanged(current());
}

void Playback::seek(int frame) {
  if (!frames_.empty()) seekIndex(nearestIndex(frame));
}

void Playback::step(int delta) {
  if (frames_.empty()) return;
  stop();
  seekIndex(index_ + delta);
}

void Playback::clearInOut() {
  inIndex_ = 0;
  outIndex_ = frames_.empty() ? 0 : static_cast<int>(frames_.size()) - 1;
  Q_EMIT rangeChanged();
}

void Playback::play() {
  if (playing_ || frames_.size() < 2) return;
  if (index_ >= outIndex_) seekIndex(inIndex_);
  playing_ = true;
  startIndex_ = index_;
  lastDue_ = 0;
  clock_.start();
  // Poll at four times the frame rate: a frame is shown within a quarter frame of its time.
  timer_.start(std::max(1, static_cast<int>(1000.0 / fps_ / 4.0)));
  Q_EMIT playingChanged(true);
}

void Playback::stop() {
  if (!playing_) return;
  playing_ = false;
  timer_.stop();
  Q_EMIT playingChanged(false);
}

std::vector<int> Playback::upcoming(int count) const {
  std::vector<int> out;
  if (frames_.empty()) return out;
  const int span = outIndex_ - inIndex_ + 1;
  for (int i = 1; i <= count && i < span; ++i) {
    int idx = index_ + i;
    if (idx > outIndex_) idx = inIndex_ + (idx - outIndex_ - 1) % span;
    out.push_back(frames_[idx]);
  }
  return out;
}

void Playback::tick() {
  const int span = outIndex_ - inIndex_ + 1;
  // Frames due since play(), from the wall clock: real time, never slowed by a late frame.
  const long long due = static_cast<long long>(std::floor(clock_.nsecsElapsed() * 1e-9 * fps_));
  if (due <= lastDue_) return;
  const int target =
      inIndex_ + static_cast<int>((startIndex_ - inIndex_ + due) % std::max(1, span));
  const int frame = frames_[target];
  if (ready_ && !ready_(frame)) return;  // not decoded yet: keep the last frame up
  // Every due frame skipped between the last shown one and this one was dropped.
  dropped_ += due - lastDue_ - 1;
  lastDue_ = due;
  ++shown_;
  index_ = target;
  Q_EMIT frameChanged(frame);
}

}  // namespace filmrecover::ui
