#include "ui/app/workstation_app.h"

#include <QApplication>
#include <QMainWindow>

namespace filmrecover::ui {

int runWorkstation(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("filmrecover");
  QApplication::setOrganizationName("filmrecover");
  QMainWindow window;
  window.setWindowTitle("filmrecover");
  window.resize(1280, 800);
  window.show();
  return app.exec();
}

}  // namespace filmrecover::ui
