#pragma once
// Help ▸ Keyboard Shortcuts: every shortcut of the window, read from its actions.
#include <QDialog>

namespace filmrecover::ui {

//! A two-column list of shortcuts and what they do.
class ShortcutsDialog : public QDialog {
  Q_OBJECT
 public:
  ShortcutsDialog(const QList<QPair<QString, QString>>& rows, QWidget* parent = nullptr);
};

}  // namespace filmrecover::ui
