#include "ui/panels/curate/pair_sheet_model.h"

#include <algorithm>

#include "ui/panels/curate/thumbnail_cache.h"

namespace filmrecover::ui {

PairSheetModel::PairSheetModel(ThumbnailCache* thumbnails, QObject* parent)
    : QAbstractListModel(parent), thumbnails_(thumbnails) {
  connect(thumbnails_, &ThumbnailCache::ready, this, &PairSheetModel::onThumbnail);
}

void PairSheetModel::setPairs(const std::vector<project::MappingRecord>& mapping,
                              const std::vector<project::CurationRecord>& curation,
                              const std::vector<int>& cuts) {
  beginResetModel();
  items_.clear();
  rowOf_.clear();
  std::vector<int> sortedCuts = cuts;
  std::sort(sortedCuts.begin(), sortedCuts.end());
  for (const auto& m : mapping) {
    SheetItem item;
    item.sourceFrame = m.sourceFrame;
    item.referenceFrame = m.referenceFrame;
    item.confidence = m.confidence;
    item.flagged = m.flagged;
    item.flagReason = m.reason;
    item.shot = int(std::upper_bound(sortedCuts.begin(), sortedCuts.end(), m.sourceFrame) - sortedCuts.begin());
    rowOf_[item.sourceFrame] = int(items_.size());
    items_.push_back(item);
  }
  for (const auto& c : curation) {
    auto it = rowOf_.find(c.frame);
    if (it == rowOf_.end()) continue;
    items_[it->second].decision = c.decision;
    items_[it->second].who = c.who;
  }
  endResetModel();
}

void PairSheetModel::setDecisions(const std::vector<project::CurationRecord>& curation) {
  std::map<int, const project::CurationRecord*> byFrame;
  for (const auto& c : curation) byFrame[c.frame] = &c;
  for (size_t row = 0; row < items_.size(); ++row) {
    auto& item = items_[row];
    auto it = byFrame.find(item.sourceFrame);
    const std::string decision = it == byFrame.end() ? "" : it->second->decision;
    const std::string who = it == byFrame.end() ? "" : it->second->who;
    if (decision != item.decision || who != item.who) {
      item.decision = decision;
      item.who = who;
      const QModelIndex i = index(int(row));
      Q_EMIT dataChanged(i, i, {DecisionRole, WhoRole});
    }
  }
}

int PairSheetModel::rowOf(int sourceFrame) const {
  auto it = rowOf_.find(sourceFrame);
  return it == rowOf_.end() ? -1 : it->second;
}

int PairSheetModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(items_.size()); }

QVariant PairSheetModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= int(items_.size())) return {};
  const SheetItem& item = items_[index.row()];
  switch (role) {
    case Qt::DisplayRole: return QString::number(item.sourceFrame);
    case Qt::DecorationRole: return thumbnails_->thumbnail(item.sourceFrame);
    case Qt::ToolTipRole:
      return QStringLiteral("source %1 ↔ reference %2\nconfidence %3%4%5")
          .arg(item.sourceFrame)
          .arg(item.referenceFrame)
          .arg(item.confidence, 0, 'f', 3)
          .arg(item.flagged ? QStringLiteral("\nflagged: ") + QString::fromStdString(item.flagReason) : QString())
          .arg(item.decision.empty() ? QString()
                                     : QStringLiteral("\n%1 (by %2)").arg(QString::fromStdString(item.decision),
                                                                         QString::fromStdString(item.who)));
    case SourceFrameRole: return item.sourceFrame;
    case ReferenceFrameRole: return item.referenceFrame;
    case DecisionRole: return QString::fromStdString(item.decision);
    case WhoRole: return QString::fromStdString(item.who);
    case FlaggedRole: return item.flagged;
    case ConfidenceRole: return item.confidence;
    case ShotRole: return item.shot;
  }
  return {};
}

void PairSheetModel::onThumbnail(int frame) {
  const int row = rowOf(frame);
  if (row < 0) return;
  const QModelIndex i = index(row);
  Q_EMIT dataChanged(i, i, {Qt::DecorationRole});
}

}  // namespace filmrecover::ui
