#pragma once
// The picture of the alignment panel: source, aligned reference or their difference (near
// black when the registration is right), a live preview of a manual nudge, and the shared
// crop drawn with handles that the operator drags.
#include <QImage>
#include <QTransform>
#include <QWidget>

#include "core/image/image.h"

namespace filmrecover::ui {

//! Manual correction of a registration, in source pixels, about the frame centre.
struct Nudge {
  double dx = 0, dy = 0;   //!< translation, pixels
  double scale = 1;        //!< magnification
  double degrees = 0;      //!< rotation, clockwise on screen
  bool isIdentity() const { return dx == 0 && dy == 0 && scale == 1 && degrees == 0; }
  //! The nudge as a transform of source pixel coordinates of a width x height frame.
  QTransform transform(int width, int height) const;
};

//! Shows a pair at preview resolution; all pixel work here is display-only.
class AlignmentView : public QWidget {
  Q_OBJECT
 public:
  //! Luma difference is the registration check of a chroma transfer (the colours differ by
  //! design, the structure must not); RGB difference suits spatial material.
  enum class Mode { Difference, RgbDifference, Source, Aligned, Blend };
  explicit AlignmentView(QWidget* parent = nullptr);

  //! The pair's pictures at preview size and the full frame size they stand for.
  void setPictures(const QImage& source, const QImage& aligned, QSize fullSize);
  void setMode(Mode mode);
  Mode mode() const { return mode_; }
  //! Multiplies the difference (small residuals become visible).
  void setGain(double gain);
  void setNudge(const Nudge& nudge);
  //! The shared crop in full-frame source pixels (empty = none drawn).
  void setCrop(const Rect& crop);
  Rect crop() const { return crop_; }
  //! Mean of the displayed difference, 0..1 per channel before gain (tests, status line).
  double meanDifference() const { return meanDifference_; }
  //! What is drawn in the picture area (tests).
  QImage composed() const { return composed_; }

 Q_SIGNALS:
  //! The operator dragged the crop; `crop` in full-frame source pixels.
  void cropEdited(const filmrecover::Rect& crop);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  void compose();
  QRectF pictureRect() const;
  QRectF cropOnScreen() const;
  int edgesAt(const QPointF& p) const;

  QImage source_, aligned_, composed_;
  QSize full_;
  Mode mode_ = Mode::Difference;
  double gain_ = 4;
  Nudge nudge_;
  Rect crop_;
  double meanDifference_ = 0;
  int dragEdges_ = 0;  // bit 0 left, 1 top, 2 right, 3 bottom; 15 = move
  QPointF dragStart_;
  Rect dragCrop_;
};

}  // namespace filmrecover::ui
