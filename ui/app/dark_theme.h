#pragma once

class QApplication;

namespace filmrecover::ui {

//! The workstation's dark theme (Fusion style, neutral greys so pictures are judged fairly,
//! one orange accent like the playhead).
void applyDarkTheme(QApplication& app);

}  // namespace filmrecover::ui
