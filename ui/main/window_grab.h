#pragma once
// A picture of a whole window holding the viewer. QWidget::grab draws widgets only; the
// viewer is a native OpenGL window inside its widget, so its own rendering is laid over
// its place.
#include <QImage>

class QWidget;

namespace filmrecover::ui {

class Viewer;

//! `window` as it looks on screen, with `viewer`'s picture and overlays in place.
QImage grabWindowWithViewer(QWidget* window, Viewer* viewer);

}  // namespace filmrecover::ui
