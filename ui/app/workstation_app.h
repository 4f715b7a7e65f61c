#pragma once

namespace filmrecover::ui {

//! Runs the workstation: QApplication, main window, arguments as in docs/gui.md.
int runWorkstation(int argc, char** argv);

}  // namespace filmrecover::ui
