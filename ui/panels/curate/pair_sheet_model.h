#pragma once
// The pairs of the contact sheet: one item per matched source frame, with its decision.
#include <QAbstractListModel>
#include <map>
#include <vector>

#include "core/project/catalog_records.h"

namespace filmrecover::ui {

class ThumbnailCache;

//! One pair on the sheet.
struct SheetItem {
  int sourceFrame = 0;
  int referenceFrame = 0;
  double confidence = 0;
  bool flagged = false;       //!< the matcher or the operator flagged the pair
  std::string flagReason;
  int shot = 0;               //!< index of the source shot
  std::string decision;       //!< "", "train", "holdout", "rejected"
  std::string who;            //!< who decided ("auto" for the suggestion)
};

//! List model of the sheet; thumbnails come from a ThumbnailCache (DecorationRole).
class PairSheetModel : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Roles {
    SourceFrameRole = Qt::UserRole + 1,
    ReferenceFrameRole,
    DecisionRole,   //!< QString
    WhoRole,
    FlaggedRole,
    ConfidenceRole,
    ShotRole,
  };

  explicit PairSheetModel(ThumbnailCache* thumbnails, QObject* parent = nullptr);

  //! Rebuilds from the mapping rows, the curation decisions and the shot starts.
  void setPairs(const std::vector<project::MappingRecord>& mapping,
                const std::vector<project::CurationRecord>& curation, const std::vector<int>& cuts);
  //! Updates decisions only (keeps items and selection).
  void setDecisions(const std::vector<project::CurationRecord>& curation);
  const std::vector<SheetItem>& items() const { return items_; }
  //! Row of a source frame or -1.
  int rowOf(int sourceFrame) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;

 private:
  void onThumbnail(int frame);

  ThumbnailCache* thumbnails_;
  std::vector<SheetItem> items_;
  std::map<int, int> rowOf_;
};

}  // namespace filmrecover::ui
