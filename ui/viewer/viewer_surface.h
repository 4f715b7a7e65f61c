#pragma once
// The OpenGL side of the viewer: a native child window that draws the frames of its Viewer
// with the display shader, and the overlays over them.
//
// Why a QOpenGLWindow in a window container and not a QOpenGLWidget: a QOpenGLWidget turns
// on OpenGL compositing for its whole top-level window, so every repaint of any widget in
// the main window (a loss-plot point, a progress label, the timeline) re-composites and
// presents the entire window through OpenGL. Under a software rasteriser (Mesa llvmpipe,
// Xvfb) on busy cores that took 60–230 ms per repaint, freezing the event loop while
// training ran (issue 8). As its own window the viewer is drawn only when the viewer itself
// changes, over its own area, and the panels repaint as plain raster widgets.
#include <QImage>
#include <QOpenGLExtraFunctions>
#include <QOpenGLWindow>
#include <QString>

#include "core/image/image.h"
#include "ui/viewer/gl_display_program.h"

class QPainter;

namespace filmrecover::ui {

class Viewer;

//! Draws `viewer`'s state; forwards input to it (the Viewer widget owns all interaction).
class ViewerSurface : public QOpenGLWindow, protected QOpenGLExtraFunctions {
  Q_OBJECT
 public:
  explicit ViewerSurface(Viewer* viewer);
  ~ViewerSurface() override;

  //! Renders the current state offscreen at the window's size and reads it back (overlays
  //! included). Null before the GL context exists.
  QImage grabFrame();

  QString glDescription() const { return glDescription_; }
  QString glError() const { return glError_; }
  long long paintCount() const { return paints_; }
  long long paintNs() const { return paintNs_; }
  long long uploadNs() const { return uploadNs_; }

 protected:
  void initializeGL() override;
  void paintGL() override;
  bool event(QEvent* e) override;

 private:
  //! Draws the picture into the bound framebuffer of `pixels` (device pixels).
  void drawPicture(QSize pixels);
  void upload(unsigned& texture, const Image* image, const Image*& uploaded);
  void ensureProgram();
  void drawOverlays(QPainter& painter);
  void releaseGl();

  Viewer* viewer_;
  const Image* uploadedA_ = nullptr;
  const Image* uploadedB_ = nullptr;
  unsigned texA_ = 0, texB_ = 0, vao_ = 0;
  GlDisplayProgram program_;
  QString glDescription_, glError_;
  long long paints_ = 0;
  long long paintNs_ = 0, uploadNs_ = 0;
};

}  // namespace filmrecover::ui
