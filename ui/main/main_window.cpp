#include "ui/main/main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QDir>
#include <QUrl>

#include "core/exec/errors.h"
#include "core/io/frame_source.h"
#include "ui/log/log_panel.h"
#include "ui/main/shortcuts_dialog.h"
#include "ui/probe/pixel_probe_panel.h"
#include "ui/scopes/scopes_panel.h"
#include "ui/session/project_folder.h"
#include "ui/session/session.h"
#include "ui/viewer/playback.h"
#include "ui/viewer/viewer.h"
#include "ui/viewer/viewer_panel.h"

namespace filmrecover::ui {

namespace {
constexpr int kMaxRecent = 10;
const QString kRecentKey = QStringLiteral("recent/entries");
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), session_(new Session(this)) {
  setObjectName(QStringLiteral("filmrecoverMainWindow"));
  setAcceptDrops(true);
  setDockNestingEnabled(true);
  viewerPanel_ = new ViewerPanel(session_, this);
  setCentralWidget(viewerPanel_);
  scopes_ = new ScopesPanel(viewerPanel_, this);
  probe_ = new PixelProbePanel(this);
  log_ = new LogPanel(this);
  buildMenus();
  dockPanel(scopes_, QStringLiteral("Scopes"), Qt::RightDockWidgetArea);
  dockPanel(probe_, QStringLiteral("Pixel Probe"), Qt::RightDockWidgetArea);
  dockPanel(log_, QStringLiteral("Log"), Qt::BottomDockWidgetArea);
  resizeDocks({findChild<QDockWidget*>(QStringLiteral("dock_Scopes"))}, {370}, Qt::Horizontal);
  resizeDocks({findChild<QDockWidget*>(QStringLiteral("dock_Log"))}, {110}, Qt::Vertical);
  buildStatusBar();

  connect(viewerPanel_, &ViewerPanel::logMessage, this, &MainWindow::log);
  connect(viewerPanel_, &ViewerPanel::probeChanged, probe_, &PixelProbePanel::setReading);
  connect(session_, &Session::openFailed, this, [this](const QString& spec, const QString& message) {
    log(QStringLiteral("error"), message.isEmpty() ? QStringLiteral("Could not open %1").arg(spec) : message);
    statusBar()->showMessage(message, 8000);
  });
  connect(session_, &Session::sourceChanged, this, [this](SourceRole role) {
    const LoadedSource s = session_->source(role);
    if (s.source) {
      const SourceInfo& info = s.source->info();
      log(QStringLiteral("info"),
          QStringLiteral("%1: %2 · %3 frames · %4×%5%6")
              .arg(sourceRoleLabel(role), s.spec)
              .arg(info.frames.size())
              .arg(info.width)
              .arg(info.height)
              .arg(info.missing.empty() ? QString()
                                        : QStringLiteral(" · %1 missing").arg(info.missing.size())));
      if (!info.missing.empty())
        log(QStringLiteral("warning"), QStringLiteral("%1 lacks frames %2%3")
                                           .arg(sourceRoleLabel(role))
                                           .arg(info.missing.front())
                                           .arg(info.missing.size() > 1 ? QStringLiteral(" and %1 more").arg(info.missing.size() - 1)
                                                                        : QString()));
    }
    updateTitle();
  });
  updateTitle();

  defaultState_ = saveState();
  rebuildRecentMenu();
}

void MainWindow::arrangeDocks(const QString& raise) {
  QDockWidget* log = findChild<QDockWidget*>(QStringLiteral("dock_Log"));
  QDockWidget* top = nullptr;
  QDockWidget* previous = log;
  // Not findChildren(): raise() reorders children. Each out of any tab group it was in,
  // then after the one before: the tabs keep the order the panels were added in (the order
  // of the work: sources, alignment, curation, training, render, log).
  for (QDockWidget* d : panelDocks_) {
    if (!d) continue;
    removeDockWidget(d);
    addDockWidget(Qt::BottomDockWidgetArea, d);
    tabifyDockWidget(previous, d);
    d->show();
    previous = d;
    if (d->windowTitle() == raise) top = d;
  }
  resizeDocks({log}, {300}, Qt::Vertical);
  if (top) top->raise();
}

void MainWindow::restoreLayout() {
  defaultState_ = saveState();  // Window ▸ Reset Layout goes back to this
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

MainWindow::~MainWindow() = default;

Viewer* MainWindow::viewer() const { return viewerPanel_->viewer(); }

QDockWidget* MainWindow::addPanel(QWidget* panel, const QString& title, Qt::DockWidgetArea area) {
  // A tall panel scrolls inside its dock instead of forcing the window taller than the screen.
  auto* scroll = new QScrollArea;
  scroll->setWidget(panel);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  QDockWidget* dock = dockPanel(scroll, title, area);
  panelDocks_.append(dock);
  return dock;
}

QDockWidget* MainWindow::dockPanel(QWidget* panel, const QString& title, Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(title, this);
  dock->setObjectName(QStringLiteral("dock_") + QString(title).replace(QLatin1Char(' '), QLatin1Char('_')));
  dock->setWidget(panel);
  dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                    QDockWidget::DockWidgetFloatable);
  addDockWidget(area, dock);
  if (windowMenu_) windowMenu_->addAction(dock->toggleViewAction());
  return dock;
}

QAction* MainWindow::addAction(QMenu* menu, const QString& text, const QKeySequence& key,
                               const std::function<void()>& fn, const QString& tip) {
  auto* a = menu->addAction(text);
  if (!key.isEmpty()) {
    a->setShortcut(key);
    a->setShortcutContext(Qt::WindowShortcut);
    shortcutActions_ << a;
  }
  if (!tip.isEmpty()) a->setStatusTip(tip);
  connect(a, &QAction::triggered, this, fn);
  QMainWindow::addAction(a);  // shortcuts work with the menu bar hidden too
  return a;
}

void MainWindow::buildMenus() {
  Playback* pb = viewerPanel_->playback();
  QMenu* file = menuBar()->addMenu(QStringLiteral("&File"));
  addAction(file, QStringLiteral("Open Source…"), QKeySequence::Open, [this] {
    const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open a frame of a sequence, or a movie"));
    if (!path.isEmpty()) openSource(path);
  });
  addAction(file, QStringLiteral("Open Sequence Folder…"), QKeySequence(QStringLiteral("Ctrl+Shift+D")), [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, QStringLiteral("Open a folder holding one sequence"));
    if (!dir.isEmpty()) openSource(dir);
  });
  addAction(file, QStringLiteral("Open Comparison…"), QKeySequence(QStringLiteral("Ctrl+Shift+O")), [this] {
    const QString a = QFileDialog::getOpenFileName(this, QStringLiteral("A: a frame of the source"));
    if (a.isEmpty()) return;
    const QString b = QFileDialog::getOpenFileName(this, QStringLiteral("B: a frame of the restored sequence"));
    if (!b.isEmpty()) openComparison(a, b);
  });
  addAction(file, QStringLiteral("Open Project Folder…"), QKeySequence(QStringLiteral("Ctrl+Alt+O")), [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, QStringLiteral("Open a project folder"));
    if (!dir.isEmpty()) openProject(dir);
  });
  recentMenu_ = file->addMenu(QStringLiteral("Open Recent"));
  file->addSeparator();
  addAction(file, QStringLiteral("Save Session"), QKeySequence::Save, [this] { saveSession(); },
            QStringLiteral("Save sources, A/B and compare settings in the project folder"));
  addAction(file, QStringLiteral("Export Viewer Image…"), QKeySequence(QStringLiteral("Ctrl+Shift+S")), [this] {
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export what the viewer shows"),
                                                      QString(), QStringLiteral("PNG (*.png)"));
    if (!path.isEmpty() && !viewer()->grabFramebuffer().save(path))
      log(QStringLiteral("error"), QStringLiteral("Could not write %1").arg(path));
  });
  file->addSeparator();
  addAction(file, QStringLiteral("Quit"), QKeySequence::Quit, [this] { close(); });

  QMenu* view = menuBar()->addMenu(QStringLiteral("&View"));
  addAction(view, QStringLiteral("Fit"), QKeySequence(Qt::Key_F), [this] { viewer()->fitToWindow(); });
  addAction(view, QStringLiteral("Actual Pixels (1:1)"), QKeySequence(QStringLiteral("Ctrl+1")),
            [this] { viewer()->actualPixels(); });
  addAction(view, QStringLiteral("Zoom In"), QKeySequence(Qt::Key_Plus), [this] { viewer()->zoomBy(1.25); });
  addAction(view, QStringLiteral("Zoom Out"), QKeySequence(Qt::Key_Minus), [this] { viewer()->zoomBy(0.8); });
  view->addSeparator();
  addAction(view, QStringLiteral("Show A"), QKeySequence(Qt::Key_A), [this] { viewerPanel_->setCompareMode(CompareMode::A); });
  addAction(view, QStringLiteral("Show B"), QKeySequence(Qt::Key_B), [this] { viewerPanel_->setCompareMode(CompareMode::B); });
  addAction(view, QStringLiteral("Wipe"), QKeySequence(Qt::Key_W), [this] { viewerPanel_->setCompareMode(CompareMode::Wipe); });
  addAction(view, QStringLiteral("Side by Side"), QKeySequence(Qt::Key_S),
            [this] { viewerPanel_->setCompareMode(CompareMode::SideBySide); });
  addAction(view, QStringLiteral("Difference"), QKeySequence(Qt::Key_D),
            [this] { viewerPanel_->setCompareMode(CompareMode::Difference); });
  addAction(view, QStringLiteral("Toggle A/B"), QKeySequence(Qt::Key_Tab), [this] { viewerPanel_->toggleCompare(); },
            QStringLiteral("A shows B and back; in wipe, side by side and difference A and B swap"));
  addAction(view, QStringLiteral("Reset Wipe"), QKeySequence(QStringLiteral("Shift+W")), [this] {
    CompareSettings c = viewerPanel_->compare();
    c.wipeX = c.wipeY = 0.5;
    c.wipeAngle = 0;
    viewerPanel_->setCompare(c);
  });
  view->addSeparator();
  addAction(view, QStringLiteral("Exposure Up"), QKeySequence(Qt::Key_E), [this] {
    DisplaySettings d = viewerPanel_->displaySettings();
    d.exposure += 0.5;
    viewerPanel_->setDisplaySettings(d);
  });
  addAction(view, QStringLiteral("Exposure Down"), QKeySequence(QStringLiteral("Shift+E")), [this] {
    DisplaySettings d = viewerPanel_->displaySettings();
    d.exposure -= 0.5;
    viewerPanel_->setDisplaySettings(d);
  });
  addAction(view, QStringLiteral("Reset Exposure and Gamma"), QKeySequence(QStringLiteral("Ctrl+0")), [this] {
    DisplaySettings d = viewerPanel_->displaySettings();
    d.exposure = 0;
    d.gamma = 1;
    viewerPanel_->setDisplaySettings(d);
  });

  QMenu* play = menuBar()->addMenu(QStringLiteral("&Playback"));
  addAction(play, QStringLiteral("Play / Stop"), QKeySequence(Qt::Key_Space), [pb] { pb->togglePlay(); });
  addAction(play, QStringLiteral("Step Back"), QKeySequence(Qt::Key_Left), [pb] { pb->step(-1); });
  addAction(play, QStringLiteral("Step Forward"), QKeySequence(Qt::Key_Right), [pb] { pb->step(1); });
  addAction(play, QStringLiteral("Back 10 Frames"), QKeySequence(QStringLiteral("Shift+Left")), [pb] { pb->step(-10); });
  addAction(play, QStringLiteral("Forward 10 Frames"), QKeySequence(QStringLiteral("Shift+Right")), [pb] { pb->step(10); });
  addAction(play, QStringLiteral("First Frame"), QKeySequence(Qt::Key_Home), [pb] { pb->stop(); pb->first(); });
  addAction(play, QStringLiteral("Last Frame"), QKeySequence(Qt::Key_End), [pb] { pb->stop(); pb->last(); });
  play->addSeparator();
  addAction(play, QStringLiteral("Set In Point"), QKeySequence(Qt::Key_BracketLeft), [pb] { pb->setIn(); });
  addAction(play, QStringLiteral("Set Out Point"), QKeySequence(Qt::Key_BracketRight), [pb] { pb->setOut(); });
  addAction(play, QStringLiteral("Clear In and Out"), QKeySequence(Qt::Key_Backslash), [pb] { pb->clearInOut(); });
  play->addSeparator();
  QAction* cacheAll = addAction(play, QStringLiteral("Cache In to Out"), QKeySequence(QStringLiteral("Ctrl+R")), [] {},
                                QStringLiteral("Decode every frame of the range into memory for real-time playback"));
  cacheAll->setCheckable(true);
  connect(cacheAll, &QAction::toggled, viewerPanel_, &ViewerPanel::setCacheWholeRange);

  windowMenu_ = menuBar()->addMenu(QStringLiteral("&Window"));
  addAction(windowMenu_, QStringLiteral("Reset Layout"), QKeySequence(), [this] {
    restoreState(defaultState_);
    for (QDockWidget* d : findChildren<QDockWidget*>()) d->show();
  });
  windowMenu_->addSeparator();

  QMenu* help = menuBar()->addMenu(QStringLiteral("&Help"));
  addAction(help, QStringLiteral("Keyboard Shortcuts"), QKeySequence(Qt::Key_F1), [this] { showShortcuts(); });
  addAction(help, QStringLiteral("About filmrecover"), QKeySequence(), [this] {
    QMessageBox::about(this, QStringLiteral("About filmrecover"),
                       QStringLiteral("<b>filmrecover</b><br>Per-film colour and detail recovery from a second "
                                      "element of the same film.<br><br>Viewer: %1")
                           .arg(viewer()->glDescription()));
  });
}

void MainWindow::buildStatusBar() {
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 0);
  progress_->setMaximumWidth(160);
  progress_->setTextVisible(false);
  progress_->hide();
  statusStats_ = new QLabel(this);
  statusGl_ = new QLabel(this);
  statusBar()->addPermanentWidget(statusStats_);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(statusGl_);
  auto busy = [this](int n) {
    const int total = n + session_->opening();
    progress_->setVisible(total > 0);
    progress_->setToolTip(QStringLiteral("%1 jobs running or waiting").arg(total));
  };
  connect(viewerPanel_, &ViewerPanel::busyChanged, this, busy);
  connect(session_, &Session::openingChanged, this, [busy](int) { busy(0); });
  connect(viewerPanel_, &ViewerPanel::statsChanged, statusStats_, &QLabel::setText);
  connect(viewerPanel_->viewer(), &Viewer::frameSwapped, this, [this] {
    if (statusGl_->text().isEmpty()) statusGl_->setText(viewer()->glDescription());
  });
}

void MainWindow::log(const QString& level, const QString& text) { log_->append(level, text); }

void MainWindow::setCompareSources(std::shared_ptr<const FrameSource> a, SourceRole roleA,
                                   std::shared_ptr<const FrameSource> b, SourceRole roleB) {
  session_->setCompareRoles(roleA, roleB);
  session_->setSource(roleA, std::move(a));
  if (roleB != roleA) session_->setSource(roleB, std::move(b));
}

void MainWindow::openSource(const QString& spec) {
  session_->setCompareRoles(SourceRole::Source, session_->roleB());
  session_->openSource(SourceRole::Source, spec);
  addRecent(QStringLiteral("source:") + spec);
}

void MainWindow::openComparison(const QString& a, const QString& b) {
  session_->setCompareRoles(SourceRole::Source, SourceRole::Restored);
  session_->openSource(SourceRole::Source, a);
  session_->openSource(SourceRole::Restored, b);
  viewerPanel_->setCompareMode(CompareMode::Wipe);
  addRecent(QStringLiteral("compare:") + a + QLatin1Char('|') + b);
}

void MainWindow::openProject(const QString& dir) {
  try {
    const ProjectContents contents = readProjectFolder(dir);
    session_->clear();
    session_->setProjectDir(QFileInfo(dir).absoluteFilePath());
    session_->setCompareRoles(contents.a, contents.b);
    for (const auto& [role, spec] : contents.sources) session_->openSource(role, spec);
    if (!contents.referenceFrames.empty())
      session_->setFrameMap(SourceRole::Reference, contents.sources.at(SourceRole::Reference), contents.referenceFrames);
    viewerPanel_->setCompare(contents.compare);
    log(QStringLiteral("info"), QStringLiteral("Project %1: %2 sources%3")
                                    .arg(dir)
                                    .arg(contents.sources.size())
                                    .arg(contents.fromSessionFile ? QStringLiteral(" (saved session)") : QString()));
    addRecent(QStringLiteral("project:") + dir);
    updateTitle();
  } catch (const std::exception& e) {
    log(QStringLiteral("error"), QString::fromStdString(e.what()));
    statusBar()->showMessage(QString::fromStdString(e.what()), 8000);
  }
}

bool MainWindow::saveSession(const QString& pathIn) {
  QString path = pathIn;
  if (path.isEmpty() && !session_->projectDir().isEmpty())
    path = QDir(session_->projectDir()).filePath(QString::fromLatin1(kSessionFileName));
  if (path.isEmpty())
    path = QFileDialog::getSaveFileName(this, QStringLiteral("Save session"), QString::fromLatin1(kSessionFileName),
                                        QStringLiteral("Session (*.json)"));
  if (path.isEmpty()) return false;
  ProjectContents contents;
  for (SourceRole role : kAllSourceRoles)
    if (session_->has(role)) contents.sources[role] = session_->source(role).spec;
  contents.a = session_->roleA();
  contents.b = session_->roleB();
  contents.compare = viewerPanel_->compare();
  try {
    writeSessionFile(path, contents);
  } catch (const std::exception& e) {
    log(QStringLiteral("error"), QString::fromStdString(e.what()));
    return false;
  }
  log(QStringLiteral("info"), QStringLiteral("Session saved to %1").arg(path));
  statusBar()->showMessage(QStringLiteral("Session saved"), 3000);
  return true;
}

void MainWindow::addRecent(const QString& entry) {
  QSettings settings;
  QStringList list = settings.value(kRecentKey).toStringList();
  list.removeAll(entry);
  list.prepend(entry);
  while (list.size() > kMaxRecent) list.removeLast();
  settings.setValue(kRecentKey, list);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList list = QSettings().value(kRecentKey).toStringList();
  for (const QString& entry : list) {
    const QString kind = entry.section(QLatin1Char(':'), 0, 0);
    const QString what = entry.section(QLatin1Char(':'), 1);
    const QString text = kind == QLatin1String("compare")
                             ? QStringLiteral("%1  ⟷  %2").arg(what.section(QLatin1Char('|'), 0, 0),
                                                               what.section(QLatin1Char('|'), 1))
                             : kind == QLatin1String("project") ? QStringLiteral("Project  %1").arg(what) : what;
    recentMenu_->addAction(text, this, [this, entry] { openRecent(entry); });
  }
  recentMenu_->setEnabled(!list.isEmpty());
}

void MainWindow::openRecent(const QString& entry) {
  const QString kind = entry.section(QLatin1Char(':'), 0, 0);
  const QString what = entry.section(QLatin1Char(':'), 1);
  if (kind == QLatin1String("project"))
    openProject(what);
  else if (kind == QLatin1String("compare"))
    openComparison(what.section(QLatin1Char('|'), 0, 0), what.section(QLatin1Char('|'), 1));
  else
    openSource(what);
}

void MainWindow::openPaths(const QStringList& paths) {
  if (paths.size() >= 2) {
    openComparison(paths[0], paths[1]);
    return;
  }
  if (paths.isEmpty()) return;
  const QString& p = paths.front();
  // A folder with a session file or role sub-folders is a project; any other folder a sequence.
  if (QFileInfo(p).isDir()) {
    try {
      readProjectFolder(p);
      openProject(p);
      return;
    } catch (const InputError&) {
    }
  }
  openSource(p);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
  if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
  QStringList paths;
  for (const QUrl& url : e->mimeData()->urls())
    if (url.isLocalFile()) paths << url.toLocalFile();
  openPaths(paths);
  e->acceptProposedAction();
}

QList<QPair<QString, QString>> MainWindow::shortcutTable() const {
  QList<QPair<QString, QString>> rows;
  for (const QAction* a : shortcutActions_)
    rows.append({a->shortcut().toString(QKeySequence::NativeText), QString(a->text()).remove(QLatin1Char('&'))});
  rows.append({QStringLiteral("Wheel"), QStringLiteral("Zoom around the pointer")});
  rows.append({QStringLiteral("Middle drag / Alt+drag"), QStringLiteral("Pan")});
  rows.append({QStringLiteral("Drag (wipe)"), QStringLiteral("Move the wipe")});
  rows.append({QStringLiteral("Shift+drag (wipe)"), QStringLiteral("Rotate the wipe")});
  rows.append({QStringLiteral("Double-click"), QStringLiteral("Fit")});
  return rows;
}

QAction* MainWindow::action(const QString& text) const {
  for (QAction* a : shortcutActions_)
    if (QString(a->text()).remove(QLatin1Char('&')) == text) return a;
  for (QAction* a : findChildren<QAction*>())
    if (QString(a->text()).remove(QLatin1Char('&')) == text) return a;
  return nullptr;
}

void MainWindow::showShortcuts() {
  ShortcutsDialog dialog(shortcutTable(), this);
  dialog.exec();
}

void MainWindow::updateTitle() {
  const LoadedSource a = session_->source(session_->roleA());
  QString title = QStringLiteral("filmrecover");
  if (!session_->projectDir().isEmpty())
    title += QStringLiteral(" — ") + QFileInfo(session_->projectDir()).fileName();
  else if (a.source)
    title += QStringLiteral(" — ") + QFileInfo(a.spec).fileName();
  setWindowTitle(title);
}

void MainWindow::closeEvent(QCloseEvent* e) {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  viewerPanel_->playback()->stop();
  QMainWindow::closeEvent(e);
}

}  // namespace filmrecover::ui
