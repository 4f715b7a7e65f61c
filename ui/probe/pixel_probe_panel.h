#pragma once
// The pixel probe dock: stored and displayed values of A and B under the pointer.
#include <QWidget>

#include "ui/probe/probe_reading.h"

class QLabel;
class QTableWidget;

namespace filmrecover::ui {

//! A small table: rows A stored, A displayed, B stored, B displayed; columns R G B.
class PixelProbePanel : public QWidget {
  Q_OBJECT
 public:
  explicit PixelProbePanel(QWidget* parent = nullptr);
  //! Shows a reading (an outside reading keeps the last values, greyed).
  void setReading(const ProbeReading& reading);
  const ProbeReading& reading() const { return reading_; }
  //! Text of one cell (row 0..3, column 0..2), for tests.
  QString cellText(int row, int column) const;

 private:
  QLabel* position_;
  QTableWidget* table_;
  ProbeReading reading_;
};

}  // namespace filmrecover::ui
