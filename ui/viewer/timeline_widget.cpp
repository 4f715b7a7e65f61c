#include "ui/viewer/timeline_widget.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace filmrecover::ui {

namespace {
constexpr double kMargin = 12.0;
}

TimelineWidget::TimelineWidget(QWidget* parent) : QWidget(parent) {
  setMinimumHeight(40);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setCursor(Qt::PointingHandCursor);
}

void TimelineWidget::setFrames(const std::vector<int>& frames, const std::set<int>& missing) {
  frames_ = frames;
  missing_ = missing;
  in_ = first();
  out_ = last();
  update();
}

// The setters repaint only on a change: the viewer panel refreshes the cached frames a few
// times a second and re-sends the current frame on every decode.
void TimelineWidget::setCurrent(int frame) {
  if (frame == current_) return;
  current_ = frame;
  update();
}

void TimelineWidget::setInOut(int in, int out) {
  if (in == in_ && out == out_) return;
  in_ = in;
  out_ = out;
  update();
}

void TimelineWidget::setCached(const std::set<int>& cached) {
  if (cached == cached_) return;
  cached_ = cached;
  update();
}

double TimelineWidget::xOf(int frame) const {
  const double span = std::max(1, last() - first());
  return kMargin + (frame - first()) * (width() - 2 * kMargin) / span;
}

int TimelineWidget::frameAt(double x) const {
  const double span = std::max(1, last() - first());
  return first() + static_cast<int>(std::lround((x - kMargin) * span / (width() - 2 * kMargin)));
}

void TimelineWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(36, 36, 39));
  if (frames_.empty()) return;
  const double rulerY = 18.0;
  // In/out range.
  p.fillRect(QRectF(xOf(in_), 2, std::max(1.0, xOf(out_) - xOf(in_)), height() - 4),
             QColor(58, 62, 70));
  // Ticks and frame labels, spaced so labels never collide.
  const int span = std::max(1, last() - first());
  const double pxPerFrame = (width() - 2 * kMargin) / span;
  int stepFrames = 1;
  for (int s : {1, 2, 5, 10, 12, 24, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000})
    if ((stepFrames = s) * pxPerFrame >= 60) break;
  QFont f = font();
  f.setPointSizeF(8.0);
  p.setFont(f);
  p.setPen(QColor(140, 140, 148));
  const int start = (first() / stepFrames) * stepFrames;
  for (int fr = start; fr <= last(); fr += stepFrames) {
    if (fr < first()) continue;
    const double x = xOf(fr);
    p.drawLine(QPointF(x, rulerY - 5), QPointF(x, rulerY));
    const QString label = QString::number(fr);
    if (x + 3 + p.fontMetrics().horizontalAdvance(label) < width()) p.drawText(QPointF(x + 3, rulerY - 5), label);
  }
  // Cached frames (green) and missing frames (red) as bars under the ruler.
  const double w = std::max(1.0, pxPerFrame);
  for (int fr : cached_)
    if (fr >= first() && fr <= last())
      p.fillRect(QRectF(xOf(fr) - w / 2, rulerY + 3, w, 4), QColor(70, 150, 90));
  for (int fr : missing_)
    if (fr >= first() && fr <= last())
      p.fillRect(QRectF(xOf(fr) - w / 2, rulerY + 3, w, 10), QColor(200, 70, 60));
  // In/out brackets.
  p.setPen(QPen(QColor(230, 180, 60), 2));
  p.drawLine(QPointF(xOf(in_), 4), QPointF(xOf(in_), height() - 4));
  p.drawLine(QPointF(xOf(out_), 4), QPointF(xOf(out_), height() - 4));
  // Playhead.
  const double x = xOf(current_);
  p.setPen(QPen(QColor(240, 140, 40), 2));
  p.drawLine(QPointF(x, 2), QPointF(x, height() - 2));
  p.setBrush(QColor(240, 140, 40));
  p.setPen(Qt::NoPen);
  p.drawPolygon(QPolygonF({QPointF(x - 5, 2), QPointF(x + 5, 2), QPointF(x, 8)}));
}

void TimelineWidget::mousePressEvent(QMouseEvent* e) {
  if (!frames_.empty()) Q_EMIT scrubbed(std::clamp(frameAt(e->position().x()), first(), last()));
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* e) {
  if (e->buttons() & Qt::LeftButton) mousePressEvent(e);
}

}  // namespace filmrecover::ui
