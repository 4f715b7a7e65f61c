#include "ui/viewer/viewer.h"

#include <QMouseEvent>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <cmath>

#include "ui/app/ui_resources.h"
#include "ui/viewer/display_pipeline.h"
#include "ui/viewer/viewer_surface.h"

namespace filmrecover::ui {

namespace {
constexpr double kRotateHandleDistance = 70.0;
}  // namespace

Viewer::Viewer(QWidget* parent) : QWidget(parent) {
  initUiResources();
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(320, 200);
  setAcceptDrops(false);  // the main window takes drops for the whole window
  surface_ = new ViewerSurface(this);
  container_ = QWidget::createWindowContainer(surface_, this);
  container_->setFocusPolicy(Qt::NoFocus);  // the Viewer keeps focus; the surface only draws
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(container_);
  connect(surface_, &ViewerSurface::frameSwapped, this, &Viewer::frameSwapped);
}

Viewer::~Viewer() {
  // The surface reads this widget's state while it paints: it goes first.
  delete container_;
}

void Viewer::requestPaint() { surface_->update(); }

QImage Viewer::grabFramebuffer() { return surface_->grabFrame(); }
QWindow* Viewer::surface() const { return surface_; }
QString Viewer::glDescription() const { return surface_->glDescription(); }
QString Viewer::glError() const { return surface_->glError(); }
long long Viewer::paintCount() const { return surface_->paintCount(); }
double Viewer::paintMs() const { return surface_->paintNs() * 1e-6; }
double Viewer::uploadMs() const { return surface_->uploadNs() * 1e-6; }

// Every setter returns early when nothing changes: the panel re-sends its state on many
// events, and a paint is only worth its cost when the picture differs.
void Viewer::setImages(std::shared_ptr<const Image> a, std::shared_ptr<const Image> b) {
  if (a == a_ && b == b_) return;
  const QSizeF before = canvasSize();
  a_ = std::move(a);
  b_ = std::move(b);
  if (view_.fitting && canvasSize() != before) view_ = ViewTransform::fit(canvasSize(), size());
  requestPaint();
}

void Viewer::setLabels(const QString& a, const QString& b) {
  if (a == labelA_ && b == labelB_) return;
  labelA_ = a;
  labelB_ = b;
  requestPaint();
}

void Viewer::setMessage(const QString& message) {
  if (message == message_) return;
  message_ = message;
  requestPaint();
}

void Viewer::setPlaceholder(const QString& text) {
  if (text == placeholder_) return;
  placeholder_ = text;
  requestPaint();
}

void Viewer::setCompare(const CompareSettings& compare) {
  if (compare == compare_) return;
  const QSizeF before = canvasSize();
  compare_ = compare;
  if (view_.fitting && canvasSize() != before) view_ = ViewTransform::fit(canvasSize(), size());
  requestPaint();
}

void Viewer::setDisplayPipeline(std::shared_ptr<const DisplayPipeline> pipeline) {
  if (pipeline == pipeline_) return;
  pipeline_ = std::move(pipeline);
  requestPaint();
}

void Viewer::setViewTransform(const ViewTransform& view) {
  view_ = view;
  requestPaint();
  Q_EMIT viewChanged();
}

void Viewer::fitToWindow() { setViewTransform(ViewTransform::fit(canvasSize(), size())); }

void Viewer::actualPixels() {
  // One frame pixel per *device* pixel.
  ViewTransform t = ViewTransform::actualPixels(canvasSize());
  t.zoom = 1.0 / devicePixelRatioF();
  setViewTransform(t);
}

void Viewer::zoomBy(double factor) {
  setViewTransform(view_.zoomedAround(QPointF(width() / 2.0, height() / 2.0), factor, size()));
}

QSizeF Viewer::frameSize() const {
  const Image* f = a_ ? a_.get() : b_.get();
  return f ? QSizeF(f->width, f->height) : QSizeF();
}

QSizeF Viewer::canvasSize() const {
  const QSizeF f = frameSize();
  return QSizeF(f.width() * compare_.canvasFrames(), f.height());
}

ProbeLocation Viewer::locate(const QPointF& widgetPoint) const {
  ProbeLocation where;
  const QSizeF frame = frameSize();
  if (frame.isEmpty()) return where;
  const QPointF c = view_.widgetToCanvas(widgetPoint, size());
  if (c.x() < 0 || c.y() < 0 || c.y() >= frame.height() ||
      c.x() >= frame.width() * compare_.canvasFrames())
    return where;
  where.inside = true;
  where.onB = c.x() >= frame.width();
  where.x = static_cast<int>(std::floor(where.onB ? c.x() - frame.width() : c.x()));
  where.y = static_cast<int>(std::floor(c.y()));
  return where;
}

QPointF Viewer::wipeHandle(bool rotate) const {
  const QSizeF frame = frameSize();
  const QPointF centre = view_.canvasToWidget(
      QPointF(compare_.wipeX * frame.width(), compare_.wipeY * frame.height()), size());
  if (!rotate) return centre;
  // The rotate handle sits on the line, above the centre (along the line direction).
  const double a = compare_.wipeAngle * M_PI / 180.0;
  return centre + QPointF(std::sin(a), -std::cos(a)) * kRotateHandleDistance;
}

void Viewer::resizeEvent(QResizeEvent* e) {
  QWidget::resizeEvent(e);
  if (view_.fitting) view_ = ViewTransform::fit(canvasSize(), size());
  requestPaint();
}

void Viewer::mousePressEvent(QMouseEvent* e) {
  lastMouse_ = e->position();
  const bool panButton = e->button() == Qt::MiddleButton ||
                         (e->button() == Qt::LeftButton && (e->modifiers() & Qt::AltModifier));
  if (panButton) {
    drag_ = Drag::Pan;
  } else if (e->button() == Qt::LeftButton && compare_.mode == CompareMode::Wipe && !frameSize().isEmpty()) {
    const bool onRotate = QLineF(e->position(), wipeHandle(true)).length() <= kHandleRadius + 3;
    drag_ = (onRotate || (e->modifiers() & Qt::ShiftModifier)) ? Drag::WipeRotate : Drag::WipeMove;
    mouseMoveEvent(e);
  } else if (e->button() == Qt::LeftButton) {
    drag_ = Drag::Pan;
  }
}

void Viewer::mouseMoveEvent(QMouseEvent* e) {
  const QPointF pos = e->position();
  if (drag_ == Drag::Pan) {
    setViewTransform(view_.panned(pos - lastMouse_));
  } else if (drag_ == Drag::WipeMove || drag_ == Drag::WipeRotate) {
    const QSizeF frame = frameSize();
    CompareSettings c = compare_;
    if (drag_ == Drag::WipeMove) {
      const QPointF p = view_.widgetToCanvas(pos, size());
      c.wipeX = std::clamp(p.x() / frame.width(), 0.0, 1.0);
      c.wipeY = std::clamp(p.y() / frame.height(), 0.0, 1.0);
    } else {
      const QPointF d = pos - wipeHandle(false);
      if (std::hypot(d.x(), d.y()) > 4) c.wipeAngle = std::atan2(d.x(), -d.y()) * 180.0 / M_PI;
    }
    setCompare(c);
    Q_EMIT compareEdited(compare_);
  }
  lastMouse_ = pos;
  Q_EMIT probed(locate(pos));
}

void Viewer::mouseReleaseEvent(QMouseEvent*) { drag_ = Drag::None; }

void Viewer::mouseDoubleClickEvent(QMouseEvent*) { fitToWindow(); }

void Viewer::wheelEvent(QWheelEvent* e) {
  const double steps = e->angleDelta().y() / 120.0;
  if (steps == 0) return;
  setViewTransform(view_.zoomedAround(e->position(), std::pow(1.25, steps), size()));
}

void Viewer::leaveEvent(QEvent*) { Q_EMIT probed(ProbeLocation()); }

}  // namespace filmrecover::ui
