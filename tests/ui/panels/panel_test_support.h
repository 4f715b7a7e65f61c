#pragma once
// Header-only (the test folder compiles *_tests.cpp only). Shared by the operator panel tests: the QApplication, waiting on the event loop with a
// deadline, a dark theme like the workstation's, and small synthetic projects.
#include <QApplication>
#include <QElapsedTimer>
#include <QString>
#include <functional>
#include <string>
#include <QPalette>
#include <QStyleFactory>
#include <QThread>

#include "ui/app/dark_theme.h"
#include "ui/app/ui_resources.h"
#include "tests/ui/ui_test_app.h"

namespace filmrecover::test {

//! The workstation's dark theme (screenshots look like the main window).
void applyWorkstationTheme();


//! The QApplication of the panel tests: uiTestApp() with the workstation's resources and theme.
inline QApplication& panelTestApp() {
  static QApplication& app = []() -> QApplication& {
    QApplication& a = uiTestApp("filmrecover-panel-tests");
    ui::initUiResources();
    applyWorkstationTheme();
    return a;
  }();
  return app;
}

inline bool waitUntil(const std::function<bool()>& done, int timeoutMs = 30000) {
  QElapsedTimer timer;
  timer.start();
  while (!done()) {
    if (timer.elapsed() > timeoutMs) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QThread::msleep(2);
  }
  return true;
}

inline void applyWorkstationTheme() {
  ui::applyDarkTheme(*qApp);  // the main window's own theme
}

inline QString screenshotDir(const QString& fallback) {
  const QByteArray env = qgetenv("FILMRECOVER_SCREENSHOT_DIR");
  return env.isEmpty() ? fallback : QString::fromLocal8Bit(env);
}

}  // namespace filmrecover::test
