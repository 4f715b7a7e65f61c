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

//! Whether the interactivity budgets (milliseconds per paint or per event-loop gap) apply.
//! Under AddressSanitizer (the asan preset; GCC defines __SANITIZE_ADDRESS__) every memory
//! access is checked and the code runs several times slower: the budgets are the release
//! build's to check. The timed work still runs, so the sanitizers still see it.
#ifdef __SANITIZE_ADDRESS__
inline constexpr bool kTimingBudgetsApply = false;
#else
inline constexpr bool kTimingBudgetsApply = true;
#endif

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
