#pragma once
// The workstation window: the viewer in the centre, scopes, pixel probe and log as docks,
// menus with every shortcut, recent files, drag and drop, layout remembered.
#include <QMainWindow>
#include <QPointer>
#include <memory>

#include "ui/session/source_role.h"
#include "ui/viewer/compare_settings.h"

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;

namespace filmrecover {
class FrameSource;
}

namespace filmrecover::ui {

class LogPanel;
class PixelProbePanel;
class ScopesPanel;
class Session;
class Viewer;
class ViewerPanel;

//! The main window. Other panels join through addPanel().
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  //! Docks `panel` with `title` in `area`; its visibility toggle joins the Window menu and its
  //! place is remembered with the layout (the object name is derived from the title). The
  //! panel sits in a scroll area (the dock's widget), so a tall panel never forces the window
  //! taller than the screen.
  QDockWidget* addPanel(QWidget* panel, const QString& title, Qt::DockWidgetArea area);
  //! The viewer widget and the panel around it.
  Viewer* viewer() const;
  ViewerPanel* viewerPanel() const { return viewerPanel_; }
  Session* session() const { return session_; }
  ScopesPanel* scopesPanel() const { return scopes_; }
  PixelProbePanel* probePanel() const { return probe_; }
  LogPanel* logPanel() const { return log_; }

  //! Shows `a` as A in role `roleA` and `b` as B in role `roleB` (either may be null).
  void setCompareSources(std::shared_ptr<const FrameSource> a, SourceRole roleA,
                         std::shared_ptr<const FrameSource> b, SourceRole roleB);
  //! Opens a sequence or movie (on a worker) as the source, shown as A.
  void openSource(const QString& spec);
  //! Opens two sequences: A as source, B as restored, in wipe mode.
  void openComparison(const QString& a, const QString& b);
  //! Opens a project folder (saved session or role sub-folders).
  void openProject(const QString& dir);
  //! Saves the session (sources, A/B, compare) in the project folder or a chosen file.
  bool saveSession(const QString& path = QString());
  //! The default arrangement once other panels have joined: scopes and probe on the right,
  //! every other dock tabbed with the log below the viewer (`raise` on top, when given).
  void arrangeDocks(const QString& raise = QString());
  //! Restores the saved geometry and dock layout; call once every panel has been added.
  void restoreLayout();
  //! Adds a line to the log panel ("info", "warning", "error").
  void log(const QString& level, const QString& text);
  //! Every action with a shortcut, as (shortcut, description) rows (for the Help dialog).
  QList<QPair<QString, QString>> shortcutTable() const;
  //! The action named `text` (menu text without '&'), or null; for tests.
  QAction* action(const QString& text) const;

 protected:
  void closeEvent(QCloseEvent* e) override;
  void dragEnterEvent(QDragEnterEvent* e) override;
  void dropEvent(QDropEvent* e) override;

 private:
  QDockWidget* dockPanel(QWidget* panel, const QString& title, Qt::DockWidgetArea area);
  void buildMenus();
  void buildStatusBar();
  QAction* addAction(QMenu* menu, const QString& text, const QKeySequence& key,
                     const std::function<void()>& fn, const QString& tip = QString());
  void addRecent(const QString& entry);
  void rebuildRecentMenu();
  void openRecent(const QString& entry);
  void openPaths(const QStringList& paths);
  void showShortcuts();
  void updateTitle();

  Session* session_;
  ViewerPanel* viewerPanel_;
  ScopesPanel* scopes_;
  PixelProbePanel* probe_;
  LogPanel* log_;
  QMenu* windowMenu_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* statusFrame_ = nullptr;
  QLabel* statusStats_ = nullptr;
  QLabel* statusGl_ = nullptr;
  QList<QAction*> shortcutActions_;
  QList<QPointer<QDockWidget>> panelDocks_;  // the docks of addPanel, in the order they were added
  QByteArray defaultState_;
};

}  // namespace filmrecover::ui
