#pragma once
// The mapping as a plot: source frame against reference frame, one dot per pair coloured
// by confidence, flagged pairs in red, cuts as vertical lines, unmatched ranges shaded.
#include "core/match/mapping.h"
#include "ui/panels/common/custom_plot.h"

namespace filmrecover::ui {

//! Plot of a temporal mapping; clicking a dot selects its pair.
class MappingPlot : public QCustomPlot {
  Q_OBJECT
 public:
  explicit MappingPlot(QWidget* parent = nullptr);
  //! Shows `mapping` (replaces what was shown) and rescales the axes to it.
  void setMapping(const match::Mapping& mapping);
  //! Marks the pair of `sourceFrame` (a crosshair); -1 clears it.
  void setCurrent(int sourceFrame);
  //! Number of usable / flagged dots drawn (for tests).
  int usableCount() const;
  int flaggedCount() const;

 Q_SIGNALS:
  //! The user clicked near the pair of `sourceFrame`.
  void pairClicked(int sourceFrame);

 private:
  void onClick(QMouseEvent* event);

  QCPGraph* usable_ = nullptr;
  QCPGraph* weak_ = nullptr;
  QCPGraph* flagged_ = nullptr;
  QCPGraph* current_ = nullptr;
  match::Mapping mapping_;
};

}  // namespace filmrecover::ui
