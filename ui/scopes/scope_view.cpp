#include "ui/scopes/scope_view.h"

#include <QPainter>

#include "core/analysis/scopes.h"

namespace filmrecover::ui {

ScopeView::ScopeView(Kind kind, QWidget* parent) : QWidget(parent), kind_(kind) {
  setMinimumSize(160, 120);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ScopeView::setImage(const QImage& image) {
  image_ = image;
  update();
}

void ScopeView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(16, 16, 18));
  QFont f = font();
  f.setPointSizeF(7.5);
  p.setFont(f);
  if (kind_ == Kind::Waveform) {
    const QRectF plot(30, 6, width() - 36, height() - 12);
    if (!image_.isNull()) {
      p.setRenderHint(QPainter::SmoothPixmapTransform);
      p.drawImage(plot, image_);
    }
    p.setPen(QColor(130, 130, 138));
    for (int v = 0; v <= 100; v += 25) {
      const double y = plot.bottom() - plot.height() * v / 100.0;
      p.drawText(QRectF(0, y - 7, 26, 14), Qt::AlignRight | Qt::AlignVCenter, QString::number(v));
    }
    if (parade_) {
      const char* names[3] = {"R", "G", "B"};
      const QColor colours[3] = {QColor(235, 100, 90), QColor(110, 220, 120), QColor(110, 150, 255)};
      for (int c = 0; c < 3; ++c) {
        p.setPen(colours[c]);
        p.drawText(QRectF(plot.left() + plot.width() * c / 3.0 + 4, plot.top() + 2, 20, 14),
                   Qt::AlignLeft, QString::fromLatin1(names[c]));
      }
    }
    return;
  }
  // Vectorscope: square, centred, with target names from the same geometry as the picture.
  const double side = std::min(width(), height()) - 8;
  const QRectF plot((width() - side) / 2, (height() - side) / 2, side, side);
  if (!image_.isNull()) {
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(plot, image_);
  }
  VectorscopeOptions opt;
  opt.size = image_.isNull() ? 320 : image_.width();
  p.setPen(QColor(150, 150, 158));
  for (const VectorscopeTarget& t : vectorscopeTargets()) {
    if (t.level < 0.9f) continue;
    const ScopePoint pt = vectorscopePosition(t.cb * 1.16f, t.cr * 1.16f, opt);
    const QPointF at(plot.left() + (pt.x + 0.5) * side / opt.size, plot.top() + (pt.y + 0.5) * side / opt.size);
    p.drawText(QRectF(at.x() - 12, at.y() - 7, 24, 14), Qt::AlignCenter, QString::fromStdString(t.name));
  }
}

}  // namespace filmrecover::ui
