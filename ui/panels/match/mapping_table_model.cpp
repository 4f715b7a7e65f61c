#include "ui/panels/match/mapping_table_model.h"

#include <QBrush>
#include <QColor>
#include <algorithm>

namespace filmrecover::ui {

void MappingTableModel::setRows(std::vector<project::MappingRecord> rows) {
  beginResetModel();
  rows_ = std::move(rows);
  endResetModel();
}

int MappingTableModel::rowOfSourceFrame(int sourceFrame) const {
  auto it = std::lower_bound(rows_.begin(), rows_.end(), sourceFrame,
                             [](const project::MappingRecord& r, int f) { return r.sourceFrame < f; });
  return it != rows_.end() && it->sourceFrame == sourceFrame ? int(it - rows_.begin()) : -1;
}

int MappingTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(rows_.size());
}

int MappingTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant MappingTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= int(rows_.size())) return {};
  const auto& r = rows_[index.row()];
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case SourceFrame: return r.sourceFrame;
      case ReferenceFrame: return r.referenceFrame;
      case Confidence: return QString::number(r.confidence, 'f', 3);
      case Status: return r.flagged ? QStringLiteral("flagged") : QStringLiteral("ok");
      case Reason: return QString::fromStdString(r.reason);
    }
  } else if (role == Qt::ForegroundRole && index.column() == Status) {
    return QBrush(r.flagged ? QColor(0xe0, 0x55, 0x55) : QColor(0x6c, 0xc0, 0x6c));
  } else if (role == Qt::TextAlignmentRole && index.column() <= Confidence) {
    return int(Qt::AlignRight | Qt::AlignVCenter);
  } else if (role == Qt::UserRole) {
    return r.sourceFrame;
  }
  return {};
}

QVariant MappingTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case SourceFrame: return QStringLiteral("Source");
    case ReferenceFrame: return QStringLiteral("Reference");
    case Confidence: return QStringLiteral("Confidence");
    case Status: return QStringLiteral("Status");
    case Reason: return QStringLiteral("Reason");
  }
  return {};
}

}  // namespace filmrecover::ui
