#pragma once
// Paints one tile of the contact sheet: the pair's thumbnails, frame numbers, the decision
// as a coloured frame and badge, a warning stripe for pairs the matcher flagged.
#include <QStyledItemDelegate>

namespace filmrecover::ui {

//! Tile painter of the contact sheet (fixed tile size so the view can virtualize).
class SheetDelegate : public QStyledItemDelegate {
  Q_OBJECT
 public:
  explicit SheetDelegate(QObject* parent = nullptr);
  //! Tile size for thumbnails `thumbWidth` wide per side.
  void setThumbWidth(int thumbWidth);
  //! Width / height of the pictures (tiles are sized to it; 16:9 until known).
  void setAspect(double aspect);
  QSize tileSize() const;

  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

  //! Colour of a decision ("train" green, "holdout" blue, "rejected" red, else grey).
  static QColor decisionColor(const QString& decision);

 private:
  int thumbWidth_ = 112;
  double aspect_ = 16.0 / 9.0;
};

}  // namespace filmrecover::ui
