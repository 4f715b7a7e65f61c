#pragma once
// The image viewer: float textures, OCIO display shader, compare modes, zoom and pan, and
// overlays (wipe handle, A/B labels, frame errors). It only draws what it is given; loading
// happens elsewhere.
#include <QOpenGLExtraFunctions>
#include <QOpenGLWidget>
#include <QString>
#include <memory>

#include "core/image/image.h"
#include "ui/viewer/compare_settings.h"
#include "ui/viewer/gl_display_program.h"
#include "ui/viewer/view_transform.h"

namespace filmrecover::ui {

class DisplayPipeline;

//! What the pointer is over: a pixel of the frame (in A's pixel grid).
struct ProbeLocation {
  bool inside = false;  //!< false when outside every frame
  int x = 0, y = 0;     //!< pixel of the frame
  bool onB = false;     //!< side by side: the pointer is over the right (B) frame
};

//! OpenGL viewer of an A and a B frame under compare settings and a display transform.
class Viewer : public QOpenGLWidget, protected QOpenGLExtraFunctions {
  Q_OBJECT
 public:
  explicit Viewer(QWidget* parent = nullptr);
  ~Viewer() override;

  //! The frames to show (either may be null). Uploaded on the next paint.
  void setImages(std::shared_ptr<const Image> a, std::shared_ptr<const Image> b);
  std::shared_ptr<const Image> imageA() const { return a_; }
  std::shared_ptr<const Image> imageB() const { return b_; }
  //! Labels drawn in the corners ("A  source  1017").
  void setLabels(const QString& a, const QString& b);
  //! Problems drawn over the picture (a missing frame); empty clears it.
  void setMessage(const QString& message);
  QString message() const { return message_; }
  //! Shown when there is no frame at all.
  void setPlaceholder(const QString& text);

  void setCompare(const CompareSettings& compare);
  const CompareSettings& compare() const { return compare_; }
  //! The display transform (shared with the probe and scopes). Null = identity.
  void setDisplayPipeline(std::shared_ptr<const DisplayPipeline> pipeline);
  std::shared_ptr<const DisplayPipeline> displayPipeline() const { return pipeline_; }

  const ViewTransform& viewTransform() const { return view_; }
  void setViewTransform(const ViewTransform& view);
  //! Fit the canvas in the widget (and keep fitting on resize).
  void fitToWindow();
  //! One frame pixel per screen pixel.
  void actualPixels();
  //! Zoom by `factor` around the widget centre.
  void zoomBy(double factor);
  //! Canvas size in frame pixels (twice the width for side by side).
  QSizeF canvasSize() const;
  //! The frame pixel under a widget point.
  ProbeLocation locate(const QPointF& widgetPoint) const;

  //! OpenGL version and renderer of the context ("" before the first paint).
  QString glDescription() const { return glDescription_; }
  //! A GL failure (shader, version) or "".
  QString glError() const { return glError_; }
  //! Paints since creation (for the playback benchmark).
  long long paintCount() const { return paints_; }
  //! Milliseconds spent in paints and in texture uploads since creation (CPU side).
  double paintMs() const { return paintNs_ * 1e-6; }
  double uploadMs() const { return uploadNs_ * 1e-6; }

 Q_SIGNALS:
  //! The user moved or rotated the wipe, or changed the compare state by mouse.
  void compareEdited(const filmrecover::ui::CompareSettings& compare);
  //! The pointer moved over the picture.
  void probed(const filmrecover::ui::ProbeLocation& where);
  //! Zoom or pan changed.
  void viewChanged();
  //! Files were dropped on the viewer.
  void filesDropped(const QStringList& paths);

 protected:
  void initializeGL() override;
  void paintGL() override;
  void resizeGL(int w, int h) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void mouseDoubleClickEvent(QMouseEvent* e) override;
  void wheelEvent(QWheelEvent* e) override;
  void leaveEvent(QEvent* e) override;

 private:
  void upload(unsigned& texture, const Image* image, const Image*& uploaded);
  void ensureProgram();
  void drawOverlays();
  QSizeF frameSize() const;
  QPointF wipeHandle(bool rotate) const;

  std::shared_ptr<const Image> a_, b_;
  const Image* uploadedA_ = nullptr;
  const Image* uploadedB_ = nullptr;
  unsigned texA_ = 0, texB_ = 0, vao_ = 0;
  GlDisplayProgram program_;
  std::shared_ptr<const DisplayPipeline> pipeline_;
  CompareSettings compare_;
  ViewTransform view_;
  QString labelA_, labelB_, message_, placeholder_;
  QString glDescription_, glError_;
  enum class Drag { None, Pan, WipeMove, WipeRotate } drag_ = Drag::None;
  QPointF lastMouse_;
  long long paints_ = 0;
  long long paintNs_ = 0, uploadNs_ = 0;
};

}  // namespace filmrecover::ui
