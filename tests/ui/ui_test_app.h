#pragma once
// The QApplication of the ui/ test executables (header-only: test folders compile *_tests.cpp only).
#include <QApplication>
#include <QStandardPaths>

#include "ui/app/workstation_app.h"

namespace filmrecover::test {

//! Whether the interactivity budgets (milliseconds per paint or per event-loop gap, frames
//! shown in real time) apply. Under AddressSanitizer (the asan preset; GCC defines
//! __SANITIZE_ADDRESS__) every memory access is checked and the code runs several times
//! slower: the budgets are the release build's to check. The timed work still runs, so the
//! sanitizers still see it.
#ifdef __SANITIZE_ADDRESS__
inline constexpr bool kTimingBudgetsApply = false;
#else
inline constexpr bool kTimingBudgetsApply = true;
#endif

//! The process's QApplication, made on the first call: test-mode settings paths (so tests
//! never touch the user's settings, and `applicationName` keeps executables that run at the
//! same time apart) and the viewer's GL 3.3 core format, as the workstation sets it.
inline QApplication& uiTestApp(const char* applicationName = "filmrecover-tests") {
  static int argc = 1;
  static char name[] = "test_ui";
  static char* argv[] = {name, nullptr};
  static QApplication* app = [applicationName] {
    QStandardPaths::setTestModeEnabled(true);
    filmrecover::ui::setDefaultGlFormat();
    auto* a = new QApplication(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("filmrecover-tests"));
    QApplication::setApplicationName(QString::fromUtf8(applicationName));
    return a;
  }();
  return *app;
}

}  // namespace filmrecover::test
