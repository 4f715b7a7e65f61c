#include "ui/viewer/view_transform.h"

#include <algorithm>

namespace filmrecover::ui {

namespace {
constexpr double kMinZoom = 1.0 / 64.0;
constexpr double kMaxZoom = 128.0;
constexpr double kFitMargin = 0.96;
}  // namespace

QPointF ViewTransform::widgetToCanvas(const QPointF& w, const QSizeF& widget) const {
  const QPointF mid(widget.width() / 2.0, widget.height() / 2.0);
  return centre + (w - mid) / zoom;
}

QPointF ViewTransform::canvasToWidget(const QPointF& c, const QSizeF& widget) const {
  const QPointF mid(widget.width() / 2.0, widget.height() / 2.0);
  return mid + (c - centre) * zoom;
}

ViewTransform ViewTransform::fit(const QSizeF& canvas, const QSizeF& widget) {
  ViewTransform t;
  t.centre = QPointF(canvas.width() / 2.0, canvas.height() / 2.0);
  if (canvas.isEmpty() || widget.isEmpty()) return t;
  t.zoom = std::clamp(kFitMargin * std::min(widget.width() / canvas.width(),
                                            widget.height() / canvas.height()),
                      kMinZoom, kMaxZoom);
  t.fitting = true;
  return t;
}

ViewTransform ViewTransform::actualPixels(const QSizeF& canvas) {
  ViewTransform t;
  t.zoom = 1.0;
  t.centre = QPointF(canvas.width() / 2.0, canvas.height() / 2.0);
  t.fitting = false;
  return t;
}

ViewTransform ViewTransform::zoomedAround(const QPointF& anchor, double factor,
                                          const QSizeF& widget) const {
  ViewTransform t = *this;
  const QPointF fixed = widgetToCanvas(anchor, widget);
  t.zoom = std::clamp(zoom * factor, kMinZoom, kMaxZoom);
  // Keep `fixed` under the anchor: anchor = mid + (fixed - centre') * zoom'.
  const QPointF mid(widget.width() / 2.0, widget.height() / 2.0);
  t.centre = fixed - (anchor - mid) / t.zoom;
  t.fitting = false;
  return t;
}

ViewTransform ViewTransform::panned(const QPointF& delta) const {
  ViewTransform t = *this;
  t.centre = centre - delta / zoom;
  t.fitting = false;
  return t;
}

}  // namespace filmrecover::ui
