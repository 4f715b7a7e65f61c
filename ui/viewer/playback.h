#pragma once
// Playback clock: the current frame, in/out points, real-time play at the sequence's rate with
// dropped-frame counting. It decides which frame is due; whether that frame is ready (decoded
// and cached) is asked through a callback, so the clock never waits for a decode.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <functional>
#include <vector>

namespace filmrecover::ui {

//! Frame range, position and real-time playback.
class Playback : public QObject {
  Q_OBJECT
 public:
  explicit Playback(QObject* parent = nullptr);

  //! The frame numbers of the timeline (ascending, gaps allowed); resets in/out.
  void setFrames(std::vector<int> frames, double fps);
  const std::vector<int>& frames() const { return frames_; }
  double fps() const { return fps_; }
  //! Tells whether a frame can be shown now (decoded); default: always.
  void setReadyCheck(std::function<bool(int frame)> ready) { ready_ = std::move(ready); }

  int current() const { return frames_.empty() ? 0 : frames_[index_]; }
  int currentIndex() const { return index_; }
  //! Moves to the frame (or the nearest one on the timeline).
  void seek(int frame);
  void step(int delta);
  void first() { seekIndex(inIndex_); }
  void last() { seekIndex(outIndex_); }
  void setIn() { inIndex_ = std::min(index_, outIndex_); Q_EMIT rangeChanged(); }
  void setOut() { outIndex_ = std::max(index_, inIndex_); Q_EMIT rangeChanged(); }
  void clearInOut();
  int inFrame() const { return frames_.empty() ? 0 : frames_[inIndex_]; }
  int outFrame() const { return frames_.empty() ? 0 : frames_[outIndex_]; }

  bool playing() const { return playing_; }
  void play();
  void stop();
  void togglePlay() { playing_ ? stop() : play(); }
  //! Frames that were due while playing but not shown because they were not decoded yet.
  long long droppedFrames() const { return dropped_; }
  //! Frames shown while playing.
  long long shownFrames() const { return shown_; }
  void resetCounters() { dropped_ = shown_ = 0; }
  //! Frames the clock will need next, in order (for read-ahead).
  std::vector<int> upcoming(int count) const;

 Q_SIGNALS:
  void frameChanged(int frame);
  void playingChanged(bool playing);
  void rangeChanged();

 private:
  void tick();
  void seekIndex(int index);
  int nearestIndex(int frame) const;

  std::vector<int> frames_;
  double fps_ = 24.0;
  int index_ = 0, inIndex_ = 0, outIndex_ = 0;
  bool playing_ = false;
  QTimer timer_;
  QElapsedTimer clock_;
  long long startTick_ = 0;  // frames played since clock_ started, at play()
  int startIndex_ = 0;
  long long lastDue_ = 0;
  long long dropped_ = 0, shown_ = 0;
  std::function<bool(int)> ready_;
};

}  // namespace filmrecover::ui
