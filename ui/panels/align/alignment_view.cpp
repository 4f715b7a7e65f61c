#include "ui/panels/align/alignment_view.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "core/color/ycbcr.h"

namespace filmrecover::ui {

QTransform Nudge::transform(int width, int height) const {
  const double cx = width / 2.0, cy = height / 2.0;
  QTransform t;
  t.translate(cx + dx, cy + dy);
  t.rotate(degrees);
  t.scale(scale, scale);
  t.translate(-cx, -cy);
  return t;
}

AlignmentView::AlignmentView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setMinimumSize(240, 120);
  setAttribute(Qt::WA_OpaquePaintEvent);
}

void AlignmentView::setPictures(const QImage& source, const QImage& aligned, QSize fullSize) {
  source_ = source.convertToFormat(QImage::Format_RGB32);
  aligned_ = aligned.convertToFormat(QImage::Format_RGB32);
  full_ = fullSize;
  compose();
}

void AlignmentView::setMode(Mode mode) {
  mode_ = mode;
  compose();
}

void AlignmentView::setGain(double gain) {
  gain_ = gain;
  compose();
}

void AlignmentView::setNudge(const Nudge& nudge) {
  nudge_ = nudge;
  compose();
}

void AlignmentView::setCrop(const Rect& crop) {
  crop_ = crop;
  update();
}

void AlignmentView::compose() {
  meanDifference_ = 0;
  if (source_.isNull()) {
    composed_ = QImage();
    update();
    return;
  }
  // The nudge in preview pixels: the full-frame transform conjugated by the preview scale.
  const double s = full_.width() > 0 ? double(source_.width()) / full_.width() : 1.0;
  Nudge preview = nudge_;
  preview.dx *= s;
  preview.dy *= s;
  const QTransform t = preview.transform(source_.width(), source_.height());
  QImage nudged(source_.size(), QImage::Format_RGB32);
  nudged.fill(Qt::black);
  if (!aligned_.isNull()) {
    QPainter p(&nudged);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.setTransform(t);
    p.drawImage(QRectF(0, 0, source_.width(), source_.height()), aligned_);
  }
  switch (mode_) {
    case Mode::Source: composed_ = source_; break;
    case Mode::Aligned: composed_ = nudged; break;
    case Mode::Blend: {
      composed_ = source_;
      QPainter p(&composed_);
      p.setOpacity(0.5);
      p.drawImage(0, 0, nudged);
      break;
    }
    case Mode::Difference:
    case Mode::RgbDifference: {
      composed_ = QImage(source_.size(), QImage::Format_RGB32);
      const bool luma = mode_ == Mode::Difference;
      auto g = [this](double v) { return std::min(255, int(v * gain_ + 0.5)); };
      auto y = [](QRgb c) { return double(luma709(float(qRed(c)), float(qGreen(c)), float(qBlue(c)))); };
      double sum = 0;
      long long counted = 0;
      for (int row = 0; row < source_.height(); ++row) {
        const auto* a = reinterpret_cast<const QRgb*>(source_.constScanLine(row));
        const auto* b = reinterpret_cast<const QRgb*>(nudged.constScanLine(row));
        auto* out = reinterpret_cast<QRgb*>(composed_.scanLine(row));
        for (int x = 0; x < source_.width(); ++x) {
          if (luma) {
            const double d = std::abs(y(a[x]) - y(b[x]));
            sum += d;
            out[x] = qRgb(g(d), g(d), g(d));
          } else {
            const int dr = std::abs(qRed(a[x]) - qRed(b[x])), dg = std::abs(qGreen(a[x]) - qGreen(b[x])),
                      db = std::abs(qBlue(a[x]) - qBlue(b[x]));
            sum += (dr + dg + db) / 3.0;
            out[x] = qRgb(g(dr), g(dg), g(db));
          }
          ++counted;
        }
      }
      meanDifference_ = counted ? sum / (255.0 * counted) : 0;
      break;
    }
  }
  update();
}

QRectF AlignmentView::pictureRect() const {
  if (composed_.isNull()) return {};
  const QSizeF size = QSizeF(composed_.size()).scaled(QSizeF(width() - 16, height() - 16), Qt::KeepAspectRatio);
  return {(width() - size.width()) / 2, (height() - size.height()) / 2, size.width(), size.height()};
}

QRectF AlignmentView::cropOnScreen() const {
  const QRectF pic = pictureRect();
  if (crop_.empty() || full_.width() <= 0 || pic.isEmpty()) return {};
  const double k = pic.width() / full_.width();
  return {pic.left() + crop_.x0 * k, pic.top() + crop_.y0 * k, crop_.width() * k, crop_.height() * k};
}

void AlignmentView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(0x17, 0x17, 0x19));
  if (composed_.isNull()) {
    p.setPen(QColor(0x70, 0x74, 0x7c));
    p.drawText(rect(), Qt::AlignCenter, QStringLiteral("Select a pair (align first to see its difference)"));
    return;
  }
  p.setRenderHint(QPainter::SmoothPixmapTransform);
  p.drawImage(pictureRect(), composed_);
  const QRectF c = cropOnScreen();
  if (!c.isEmpty()) {
    // Darken outside the crop; the crop's outline and corner handles on top.
    QPainterPath outside;
    outside.addRect(pictureRect());
    QPainterPath inside;
    inside.addRect(c);
    p.fillPath(outside.subtracted(inside), QColor(0, 0, 0, 110));
    p.setPen(QPen(QColor(0xf0, 0xc0, 0x40), 1.5, Qt::DashLine));
    p.drawRect(c);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xf0, 0xc0, 0x40));
    for (const QPointF& corner : {c.topLeft(), c.topRight(), c.bottomLeft(), c.bottomRight()})
      p.drawRect(QRectF(corner - QPointF(4, 4), QSizeF(8, 8)));
    p.setPen(QColor(0xf0, 0xc0, 0x40));
    p.drawText(c.adjusted(6, 4, 0, 0), Qt::AlignLeft | Qt::AlignTop,
               QStringLiteral("shared crop %1×%2").arg(crop_.width()).arg(crop_.height()));
  }
}

int AlignmentView::edgesAt(const QPointF& p) const {
  const QRectF c = cropOnScreen();
  if (c.isEmpty()) return 0;
  const double r = 6;
  int edges = 0;
  const bool inY = p.y() > c.top() - r && p.y() < c.bottom() + r;
  const bool inX = p.x() > c.left() - r && p.x() < c.right() + r;
  if (inY && std::abs(p.x() - c.left()) < r) edges |= 1;
  if (inX && std::abs(p.y() - c.top()) < r) edges |= 2;
  if (inY && std::abs(p.x() - c.right()) < r) edges |= 4;
  if (inX && std::abs(p.y() - c.bottom()) < r) edges |= 8;
  if (!edges && c.contains(p)) edges = 15;
  return edges;
}

void AlignmentView::mousePressEvent(QMouseEvent* e) {
  dragEdges_ = edgesAt(e->position());
  dragStart_ = e->position();
  dragCrop_ = crop_;
}

void AlignmentView::mouseMoveEvent(QMouseEvent* e) {
  if (!dragEdges_) {
    const int edges = edgesAt(e->position());
    setCursor(edges == 15                ? Qt::SizeAllCursor
              : (edges & 5) && (edges & 10) ? ((edges == 3 || edges == 12) ? Qt::SizeFDiagCursor : Qt::SizeBDiagCursor)
              : (edges & 5)              ? Qt::SizeHorCursor
              : (edges & 10)             ? Qt::SizeVerCursor
                                         : Qt::ArrowCursor);
    return;
  }
  const QRectF pic = pictureRect();
  const double k = full_.width() / pic.width();
  const int dx = int(std::lround((e->position().x() - dragStart_.x()) * k));
  const int dy = int(std::lround((e->position().y() - dragStart_.y()) * k));
  Rect c = dragCrop_;
  if (dragEdges_ == 15) {
    const int mx = std::clamp(dx, -c.x0, full_.width() - c.x1), my = std::clamp(dy, -c.y0, full_.height() - c.y1);
    c = {c.x0 + mx, c.y0 + my, c.x1 + mx, c.y1 + my};
  } else {
    if (dragEdges_ & 1) c.x0 = std::clamp(c.x0 + dx, 0, c.x1 - 16);
    if (dragEdges_ & 2) c.y0 = std::clamp(c.y0 + dy, 0, c.y1 - 16);
    if (dragEdges_ & 4) c.x1 = std::clamp(c.x1 + dx, c.x0 + 16, full_.width());
    if (dragEdges_ & 8) c.y1 = std::clamp(c.y1 + dy, c.y0 + 16, full_.height());
  }
  crop_ = c;
  update();
}

void AlignmentView::mouseReleaseEvent(QMouseEvent*) {
  if (dragEdges_ && !(crop_ == dragCrop_)) Q_EMIT cropEdited(crop_);
  dragEdges_ = 0;
}

}  // namespace filmrecover::ui
