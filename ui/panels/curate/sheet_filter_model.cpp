#include "ui/panels/curate/sheet_filter_model.h"

#include "ui/panels/curate/pair_sheet_model.h"

namespace filmrecover::ui {

void SheetFilterModel::setShow(Show show) {
  show_ = show;
  invalidateFilter();
}

void SheetFilterModel::setShot(int shot) {
  shot_ = shot;
  invalidateFilter();
}

QStringList SheetFilterModel::showLabels() {
  return {QStringLiteral("All pairs"), QStringLiteral("Undecided"), QStringLiteral("Train"),
          QStringLiteral("Hold-out"),  QStringLiteral("Rejected"),  QStringLiteral("Flagged by match"),
          QStringLiteral("Usable (not flagged)")};
}

bool SheetFilterModel::filterAcceptsRow(int row, const QModelIndex& parent) const {
  const QModelIndex i = sourceModel()->index(row, 0, parent);
  if (shot_ >= 0 && i.data(PairSheetModel::ShotRole).toInt() != shot_) return false;
  const QString decision = i.data(PairSheetModel::DecisionRole).toString();
  const bool flagged = i.data(PairSheetModel::FlaggedRole).toBool();
  switch (show_) {
    case Show::All: return true;
    case Show::Undecided: return decision.isEmpty();
    case Show::Train: return decision == QLatin1String("train");
    case Show::Holdout: return decision == QLatin1String("holdout");
    case Show::Rejected: return decision == QLatin1String("rejected");
    case Show::Flagged: return flagged;
    case Show::Usable: return !flagged;
  }
  return true;
}

}  // namespace filmrecover::ui
