#pragma once

namespace filmrecover::ui {

//! Runs the workstation: QApplication, dark theme, main window, arguments as in docs/gui.md
//! (filmrecover [SOURCE_A [SOURCE_B]] | --project DIR; --screenshot; --bench-playback).
int runWorkstation(int argc, char** argv);

//! Sets the default OpenGL surface format the viewer needs (3.3 core); call before
//! QApplication exists (tests too).
void setDefaultGlFormat();

}  // namespace filmrecover::ui
