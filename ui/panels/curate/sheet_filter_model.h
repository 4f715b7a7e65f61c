#pragma once
// Which pairs the contact sheet shows: by decision, by flag, by shot.
#include <QSortFilterProxyModel>

namespace filmrecover::ui {

//! Filters of the contact sheet.
class SheetFilterModel : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  enum class Show { All, Undecided, Train, Holdout, Rejected, Flagged, Usable };
  using QSortFilterProxyModel::QSortFilterProxyModel;

  void setShow(Show show);
  Show show() const { return show_; }
  //! Only pairs of shot `shot` (-1 = every shot).
  void setShot(int shot);
  //! Human labels of the Show values, in enum order.
  static QStringList showLabels();

 protected:
  bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

 private:
  Show show_ = Show::All;
  int shot_ = -1;
};

}  // namespace filmrecover::ui
