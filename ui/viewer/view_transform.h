#pragma once
// Zoom and pan of the viewer: maps widget pixels to canvas (image) pixels and back.
#include <QPointF>
#include <QSizeF>

namespace filmrecover::ui {

//! Zoom (widget pixels per image pixel) and the canvas point shown at the widget's centre.
//! Canvas coordinates are image pixels, origin top-left; side by side puts B at x >= width.
struct ViewTransform {
  double zoom = 1.0;              //!< widget pixels per canvas pixel
  QPointF centre{0.0, 0.0};       //!< canvas point under the widget's centre
  bool fitting = true;            //!< refit when the widget or canvas size changes

  bool operator==(const ViewTransform& o) const {
    return zoom == o.zoom && centre == o.centre && fitting == o.fitting;
  }

  //! Canvas point under widget point `w` in a widget of size `widget`.
  QPointF widgetToCanvas(const QPointF& w, const QSizeF& widget) const;
  //! Widget point showing canvas point `c`.
  QPointF canvasToWidget(const QPointF& c, const QSizeF& widget) const;

  //! The whole canvas fitted (with a small margin) and centred.
  static ViewTransform fit(const QSizeF& canvas, const QSizeF& widget);
  //! 1:1 (one image pixel per widget pixel), centred on the canvas.
  static ViewTransform actualPixels(const QSizeF& canvas);
  //! Zoom by `factor` keeping the canvas point under widget point `anchor` where it is.
  ViewTransform zoomedAround(const QPointF& anchor, double factor, const QSizeF& widget) const;
  //! Moved by a drag of `delta` widget pixels.
  ViewTransform panned(const QPointF& delta) const;
};

}  // namespace filmrecover::ui
