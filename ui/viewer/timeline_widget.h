#pragma once
// The scrub bar: frame ruler, in/out range, cached frames, missing frames and the playhead.
#include <QWidget>
#include <set>
#include <vector>

namespace filmrecover::ui {

//! A painted timeline; dragging on it scrubs.
class TimelineWidget : public QWidget {
  Q_OBJECT
 public:
  explicit TimelineWidget(QWidget* parent = nullptr);

  //! The timeline's frames (ascending) and the ones missing from the sources.
  void setFrames(const std::vector<int>& frames, const std::set<int>& missing);
  void setCurrent(int frame);
  void setInOut(int in, int out);
  //! Frames decoded and cached (drawn as a bar under the ruler).
  void setCached(const std::set<int>& cached);
  QSize sizeHint() const override { return {600, 44}; }

 Q_SIGNALS:
  //! The user dragged to `frame`.
  void scrubbed(int frame);

 protected:
  void paintEvent(QPaintEvent*) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;

 private:
  double xOf(int frame) const;
  int frameAt(double x) const;
  int first() const { return frames_.empty() ? 0 : frames_.front(); }
  int last() const { return frames_.empty() ? 0 : frames_.back(); }

  std::vector<int> frames_;
  std::set<int> missing_, cached_;
  int current_ = 0, in_ = 0, out_ = 0;
};

}  // namespace filmrecover::ui
