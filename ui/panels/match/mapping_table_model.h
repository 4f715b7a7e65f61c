#pragma once
// The pairs of the mapping as a table: source frame, reference frame, confidence, status.
#include <QAbstractTableModel>
#include <vector>

#include "core/project/catalog_records.h"

namespace filmrecover::ui {

//! Table model over the catalog's mapping rows.
class MappingTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { SourceFrame, ReferenceFrame, Confidence, Status, Reason, ColumnCount };
  using QAbstractTableModel::QAbstractTableModel;

  //! Replaces the rows.
  void setRows(std::vector<project::MappingRecord> rows);
  const std::vector<project::MappingRecord>& rows() const { return rows_; }
  //! Row of a source frame, -1 when it has no pair.
  int rowOfSourceFrame(int sourceFrame) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  std::vector<project::MappingRecord> rows_;
};

}  // namespace filmrecover::ui
