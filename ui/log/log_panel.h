#pragma once
// The log dock: what happened (opened sources, missing frames, errors), newest last.
#include <QWidget>

class QTreeWidget;

namespace filmrecover::ui {

//! A list of timestamped messages with a level.
class LogPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LogPanel(QWidget* parent = nullptr);
  //! Adds a message; `level` is "info", "warning" or "error".
  void append(const QString& level, const QString& text);
  //! Messages so far.
  int count() const;
  //! Text of message `i` (0 = oldest).
  QString text(int i) const;
  //! Level of message `i`.
  QString level(int i) const;
  void clear();

 Q_SIGNALS:
  //! An error was added (the main window flashes the dock title).
  void errorAdded(const QString& text);

 private:
  QTreeWidget* list_;
};

}  // namespace filmrecover::ui
