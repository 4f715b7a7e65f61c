#include "ui/panels/train/preview_crops.h"

#include <QPainter>

namespace filmrecover::ui {

PreviewCrops::PreviewCrops(QWidget* parent) : QWidget(parent) {
  setMinimumHeight(80);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void PreviewCrops::setImages(qint64 step, const QImage& input, const QImage& target, const QImage& output) {
  step_ = step;
  images_[0] = input;
  images_[1] = target;
  images_[2] = output;
  update();
}

void PreviewCrops::clear() {
  step_ = -1;
  for (auto& i : images_) i = QImage();
  update();
}

void PreviewCrops::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(0x1e, 0x1e, 0x21));
  static const char* captions[3] = {"input", "target", "output"};
  const int gap = 6, caption = 16;
  const int w = (width() - 4 * gap) / 3, h = height() - caption - 2 * gap;
  for (int i = 0; i < 3; ++i) {
    const QRect cell(gap + i * (w + gap), gap, w, h);
    p.fillRect(cell, QColor(0x17, 0x17, 0x19));
    if (!images_[i].isNull()) {
      const QSize s = images_[i].size().scaled(cell.size(), Qt::KeepAspectRatio);
      const QRect target(cell.left() + (cell.width() - s.width()) / 2, cell.top() + (cell.height() - s.height()) / 2,
                         s.width(), s.height());
      p.setRenderHint(QPainter::SmoothPixmapTransform, s.width() < images_[i].width());
      p.drawImage(target, images_[i]);
    } else {
      p.setPen(QColor(0x60, 0x64, 0x6c));
      p.drawText(cell, Qt::AlignCenter, i == 1 ? QStringLiteral("previews appear while training") : QString());
    }
    p.setPen(QColor(0x9a, 0x9e, 0xa6));
    QString text = QString::fromLatin1(captions[i]);
    if (i == 2 && step_ >= 0) text += QStringLiteral(" · step %1").arg(step_);
    p.drawText(QRect(cell.left(), cell.bottom() + 2, cell.width(), caption), Qt::AlignCenter, text);
  }
}

}  // namespace filmrecover::ui
