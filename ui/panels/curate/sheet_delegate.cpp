#include "ui/panels/curate/sheet_delegate.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QPixmapCache>

#include "ui/panels/curate/pair_sheet_model.h"

namespace filmrecover::ui {

namespace {
constexpr int kMargin = 4;
constexpr int kLabel = 18;
}

SheetDelegate::SheetDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

void SheetDelegate::setThumbWidth(int thumbWidth) { thumbWidth_ = thumbWidth; }

void SheetDelegate::setAspect(double aspect) {
  if (aspect > 0.2 && aspect < 5) aspect_ = aspect;
}

QSize SheetDelegate::tileSize() const {
  const int w = thumbWidth_ * 2 + 2;
  return {w + 2 * kMargin, int(thumbWidth_ / aspect_) + kLabel + 2 * kMargin + 4};
}

QSize SheetDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const { return tileSize(); }

QColor SheetDelegate::decisionColor(const QString& decision) {
  if (decision == QLatin1String("train")) return {0x5c, 0xb8, 0x5c};
  if (decision == QLatin1String("holdout")) return {0x4a, 0x9e, 0xe8};
  if (decision == QLatin1String("rejected")) return {0xe0, 0x55, 0x55};
  return {0x4a, 0x4d, 0x55};
}

void SheetDelegate::paint(QPainter* p, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  p->save();
  p->setRenderHint(QPainter::Antialiasing, false);
  const QRect tile = option.rect.adjusted(2, 2, -2, -2);
  const bool selected = option.state & QStyle::State_Selected;
  const QString decision = index.data(PairSheetModel::DecisionRole).toString();
  const QColor frameColor = decisionColor(decision);
  p->fillRect(tile, selected ? QColor(0x4a, 0x3c, 0x2c) : QColor(0x2a, 0x2a, 0x2e));

  // Picture area with the decision's colour as its frame.
  const QRect pic(tile.left() + kMargin - 2, tile.top() + kMargin - 2, tile.width() - 2 * kMargin + 4,
                  tile.height() - kLabel - 2 * kMargin + 4);
  const QImage thumb = index.data(Qt::DecorationRole).value<QImage>();
  const QRect inner = pic.adjusted(2, 2, -2, -2);
  if (!thumb.isNull()) {
    const QSize scaled = thumb.size().scaled(inner.size(), Qt::KeepAspectRatio);
    const QRect target(inner.left() + (inner.width() - scaled.width()) / 2,
                       inner.top() + (inner.height() - scaled.height()) / 2, scaled.width(), scaled.height());
    p->fillRect(inner, QColor(0x18, 0x18, 0x1a));
    // Scaled once per tile size, then blitted: scrolling repaints only copy pixels.
    const QString key = QStringLiteral("sheet:%1:%2x%3").arg(thumb.cacheKey()).arg(scaled.width()).arg(scaled.height());
    QPixmap pixmap;
    if (!QPixmapCache::find(key, &pixmap)) {
      pixmap = QPixmap::fromImage(thumb.scaled(scaled, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
      QPixmapCache::insert(key, pixmap);
    }
    p->drawPixmap(target.topLeft(), pixmap);
  } else {
    p->fillRect(inner, QColor(0x1f, 0x1f, 0x22));
    p->setPen(QColor(0x60, 0x64, 0x6c));
    p->drawText(inner, Qt::AlignCenter, QStringLiteral("loading…"));
  }
  if (!decision.isEmpty() || selected) {
    p->setPen(QPen(selected && decision.isEmpty() ? QColor(0xde, 0x80, 0x28) : frameColor, 2));
    p->setBrush(Qt::NoBrush);
    p->drawRect(pic.adjusted(1, 1, -1, -1));
  }
  if (index.data(PairSheetModel::FlaggedRole).toBool()) {  // diagonal warning corner
    QPainterPath corner;
    corner.moveTo(inner.topRight());
    corner.lineTo(inner.topRight() - QPoint(14, 0));
    corner.lineTo(inner.topRight() + QPoint(0, 14));
    corner.closeSubpath();
    p->fillPath(corner, QColor(0xe8, 0x9a, 0x3c));
  }

  // Label row: frame numbers, shot, decision badge.
  const QRect label(tile.left() + kMargin, tile.bottom() - kLabel - 1, tile.width() - 2 * kMargin, kLabel);
  QFont f = option.font;
  f.setPointSizeF(f.pointSizeF() * 0.85);
  p->setFont(f);
  p->setPen(selected ? QColor(0xf0, 0xf2, 0xf5) : QColor(0xb0, 0xb4, 0xbb));
  p->drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
              QStringLiteral("%1 ↔ %2  ·  shot %3")
                  .arg(index.data(PairSheetModel::SourceFrameRole).toInt())
                  .arg(index.data(PairSheetModel::ReferenceFrameRole).toInt())
                  .arg(index.data(PairSheetModel::ShotRole).toInt() + 1));
  if (!decision.isEmpty()) {
    const QString text = decision == QLatin1String("holdout") ? QStringLiteral("HOLD")
                         : decision == QLatin1String("train") ? QStringLiteral("TRAIN")
                                                              : QStringLiteral("REJ");
    const bool automatic = index.data(PairSheetModel::WhoRole).toString() == QLatin1String("auto");
    const int w = p->fontMetrics().horizontalAdvance(text) + 10;
    const QRect badge(label.right() - w, label.top() + 2, w, label.height() - 4);
    p->setRenderHint(QPainter::Antialiasing, true);
    p->setPen(automatic ? QPen(frameColor, 1, Qt::DashLine) : Qt::NoPen);
    p->setBrush(automatic ? QColor(0, 0, 0, 0) : frameColor);
    p->drawRoundedRect(badge, 3, 3);
    p->setPen(automatic ? frameColor : QColor(0x12, 0x14, 0x18));
    p->drawText(badge, Qt::AlignCenter, text);
  }
  p->restore();
}

}  // namespace filmrecover::ui
