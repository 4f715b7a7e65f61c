#pragma once
// The image viewer: float textures, OCIO display shader, compare modes, zoom and pan, and
// overlays (wipe handle, A/B labels, frame errors). It only draws what it is given; loading
// happens elsewhere. This widget holds the state and the interaction; the drawing is done by
// a ViewerSurface, a native OpenGL child window filling it (see viewer_surface.h for why).
#include <QImage>
#include <QString>
#include <QWidget>
#include <memory>

class QWindow;

#include "core/image/image.h"
#include "ui/viewer/compare_settings.h"
#include "ui/viewer/view_transform.h"

namespace filmrecover::ui {

class DisplayPipeline;
class ViewerSurface;

//! What the pointer is over: a pixel of the frame (in A's pixel grid).
struct ProbeLocation {
  bool inside = false;  //!< false when outside every frame
  int x = 0, y = 0;     //!< pixel of the frame
  bool onB = false;     //!< side by side: the pointer is over the right (B) frame
};

//! OpenGL viewer of an A and a B frame under compare settings and a display transform. It
//! repaints only when something it shows changes (a frame, a setting, the view, its size).
class Viewer : public QWidget {
  Q_OBJECT
 public:
  explicit Viewer(QWidget* parent = nullptr);
  ~Viewer() override;

  //! Radius of the wipe's handles in widget points (drawn and hit-tested).
  static constexpr double kHandleRadius = 7.0;

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
  QString labelA() const { return labelA_; }
  QString labelB() const { return labelB_; }
  QString placeholder() const { return placeholder_; }

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
  //! Size of one frame in pixels (A's, else B's; empty without frames).
  QSizeF frameSize() const;
  //! Where the wipe's centre handle (or, `rotate`, its rotate handle) is, in widget points.
  QPointF wipeHandle(bool rotate) const;

  //! What the viewer shows now, overlays included, rendered afresh (null before GL is up).
  QImage grabFramebuffer();
  //! The native window that draws the picture (input on it reaches this widget).
  QWindow* surface() const;

  //! OpenGL version and renderer of the context ("" before the first paint).
  QString glDescription() const;
  //! A GL failure (shader, version) or "".
  QString glError() const;
  //! Paints since creation (for the playback benchmark and the latency test).
  long long paintCount() const;
  //! Milliseconds spent in paints and in texture uploads since creation (CPU side).
  double paintMs() const;
  double uploadMs() const;

 Q_SIGNALS:
  //! The user moved or rotated the wipe, or changed the compare state by mouse.
  void compareEdited(const filmrecover::ui::CompareSettings& compare);
  //! The pointer moved over the picture.
  void probed(const filmrecover::ui::ProbeLocation& where);
  //! Zoom or pan changed.
  void viewChanged();
  //! Files were dropped on the viewer.
  void filesDropped(const QStringList& paths);
  //! A paint reached the screen.
  void frameSwapped();

 protected:
  void resizeEvent(QResizeEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void mouseDoubleClickEvent(QMouseEvent* e) override;
  void wheelEvent(QWheelEvent* e) override;
  void leaveEvent(QEvent* e) override;

 private:
  //! Asks the surface for one paint (coalesced by Qt).
  void requestPaint();

  ViewerSurface* surface_ = nullptr;  // owned by container_
  QWidget* container_ = nullptr;      // the surface's window container, filling this widget
  std::shared_ptr<const Image> a_, b_;
  std::shared_ptr<const DisplayPipeline> pipeline_;
  CompareSettings compare_;
  ViewTransform view_;
  QString labelA_, labelB_, message_, placeholder_;
  enum class Drag { None, Pan, WipeMove, WipeRotate } drag_ = Drag::None;
  QPointF lastMouse_;
};

}  // namespace filmrecover::ui
