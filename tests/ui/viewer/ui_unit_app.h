#pragma once
// A QApplication for unit tests of ui/ classes (created once, on first use).
#include <QApplication>
#include <QStandardPaths>

#include "ui/app/workstation_app.h"

namespace filmrecover::test {

//! The process's QApplication, made on first call with test-mode settings paths.
inline QApplication& uiApp() {
  static int argc = 1;
  static char name[] = "test_ui";
  static char* argv[] = {name, nullptr};
  static QApplication* app = [] {
    QStandardPaths::setTestModeEnabled(true);
    filmrecover::ui::setDefaultGlFormat();
    auto* a = new QApplication(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("filmrecover-tests"));
    QApplication::setApplicationName(QStringLiteral("filmrecover-tests"));
    return a;
  }();
  return *app;
}

}  // namespace filmrecover::test
