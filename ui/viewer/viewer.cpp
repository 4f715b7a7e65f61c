#include "ui/viewer/viewer.h"

#include <QDragEnterEvent>
#include <QElapsedTimer>
#include <QMimeData>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>
#include <cmath>

#include "ui/app/ui_resources.h"
#include "ui/viewer/display_pipeline.h"

namespace filmrecover::ui {

namespace {
const QColor kBackground(30, 30, 32);
constexpr double kHandleRadius = 7.0;
constexpr double kRotateHandleDistance = 70.0;
}  // namespace

Viewer::Viewer(QWidget* parent) : QOpenGLWidget(parent) {
  initUiResources();
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(320, 200);
  setAcceptDrops(false);  // the main window takes drops for the whole window
}

Viewer::~Viewer() {
  if (!context()) return;
  makeCurrent();
  if (texA_) glDeleteTextures(1, &texA_);
  if (texB_) glDeleteTextures(1, &texB_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
  program_.release(this);
  doneCurrent();
}

void Viewer::setImages(std::shared_ptr<const Image> a, std::shared_ptr<const Image> b) {
  const QSizeF before = canvasSize();
  a_ = std::move(a);
  b_ = std::move(b);
  if (view_.fitting && canvasSize() != before) view_ = ViewTransform::fit(canvasSize(), size());
  update();
}

void Viewer::setLabels(const QString& a, const QString& b) {
  labelA_ = a;
  labelB_ = b;
  update();
}

void Viewer::setMessage(const QString& message) {
  if (message == message_) return;
  message_ = message;
  update();
}

void Viewer::setPlaceholder(const QString& text) {
  placeholder_ = text;
  update();
}

void Viewer::setCompare(const CompareSettings& compare) {
  if (compare == compare_) return;
  const QSizeF before = canvasSize();
  compare_ = compare;
  if (view_.fitting && canvasSize() != before) view_ = ViewTransform::fit(canvasSize(), size());
  update();
}

void Viewer::setDisplayPipeline(std::shared_ptr<const DisplayPipeline> pipeline) {
  pipeline_ = std::move(pipeline);
  update();
}

void Viewer::setViewTransform(const ViewTransform& view) {
  view_ = view;
  update();
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

void Viewer::initializeGL() {
  initializeOpenGLFunctions();
  const QSurfaceFormat f = context()->format();
  glDescription_ = QStringLiteral("OpenGL %1.%2 %3, %4")
                       .arg(f.majorVersion())
                       .arg(f.minorVersion())
                       .arg(f.profile() == QSurfaceFormat::CoreProfile ? "core" : "compatibility")
                       .arg(QString::fromLatin1(reinterpret_cast<const char*>(glGetString(GL_RENDERER))));
  if (std::make_pair(f.majorVersion(), f.minorVersion()) < std::make_pair(3, 3)) {
    glError_ = QStringLiteral("The viewer needs OpenGL 3.3; this display offers %1.%2.")
                   .arg(f.majorVersion())
                   .arg(f.minorVersion());
    return;
  }
  glGenVertexArrays(1, &vao_);
}

void Viewer::resizeGL(int, int) {
  if (view_.fitting) view_ = ViewTransform::fit(canvasSize(), size());
}

void Viewer::ensureProgram() {
  const GpuShader* shader = pipeline_ ? &pipeline_->gpuShader() : nullptr;
  const QString wanted = shader ? QString::fromStdString(shader->cacheId) : QStringLiteral("identity");
  if (program_.program() && program_.cacheId() == wanted) return;
  if (!program_.build(this, shader)) {
    glError_ = program_.error();
    qWarning("%s", qPrintable(glError_));
  } else {
    glError_.clear();
  }
}

void Viewer::upload(unsigned& texture, const Image* image, const Image*& uploaded) {
  if (!image || image == uploaded) return;
  QElapsedTimer timer;
  timer.start();
  if (!texture) glGenTextures(1, &texture);
  glBindTexture(GL_TEXTURE_2D, texture);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB32F, image->width, image->height, 0, GL_RGB, GL_FLOAT,
               image->pixels.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  uploaded = image;
  uploadNs_ += timer.nsecsElapsed();
}

void Viewer::paintGL() {
  ++paints_;
  QElapsedTimer timer;
  timer.start();
  const qreal dpr = devicePixelRatioF();
  glClearColor(kBackground.redF(), kBackground.greenF(), kBackground.blueF(), 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  const QSizeF frame = frameSize();
  if (glError_.isEmpty() && vao_ && !frame.isEmpty()) {
    ensureProgram();
    if (QOpenGLShaderProgram* p = program_.program()) {
      glActiveTexture(GL_TEXTURE0);
      upload(texA_, a_.get(), uploadedA_);
      upload(texB_, b_.get(), uploadedB_);
      p->bind();
      const int unitB = program_.bindLuts(this);
      // Nearest when magnified (pixel peeping), linear when reduced.
      const GLint filter = view_.zoom * dpr >= 1.0 ? GL_NEAREST : GL_LINEAR;
      glActiveTexture(GL_TEXTURE0);
      glBindTexture(GL_TEXTURE_2D, texA_);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
      glActiveTexture(GL_TEXTURE0 + unitB);
      glBindTexture(GL_TEXTURE_2D, texB_);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
      glActiveTexture(GL_TEXTURE0);
      p->setUniformValue("u_imageA", 0);
      p->setUniformValue("u_imageB", unitB);
      p->setUniformValue("u_viewSize", QVector2D(width() * dpr, height() * dpr));
      p->setUniformValue("u_zoom", static_cast<float>(view_.zoom * dpr));
      p->setUniformValue("u_centre", QVector2D(view_.centre));
      p->setUniformValue("u_frameSize", QVector2D(frame.width(), frame.height()));
      p->setUniformValue("u_mode", static_cast<int>(compare_.mode));
      p->setUniformValue("u_swapped", compare_.swapped);
      p->setUniformValue("u_hasA", a_ != nullptr);
      p->setUniformValue("u_hasB", b_ != nullptr);
      p->setUniformValue("u_wipeCentre", QVector2D(compare_.wipeX * frame.width(),
                                                   compare_.wipeY * frame.height()));
      const double angle = compare_.wipeAngle * M_PI / 180.0;
      p->setUniformValue("u_wipeNormal", QVector2D(std::cos(angle), std::sin(angle)));
      p->setUniformValue("u_differenceGain", static_cast<float>(compare_.differenceGain));
      const DisplaySettings ds = pipeline_ ? pipeline_->settings() : DisplaySettings();
      p->setUniformValue("u_exposureGain", static_cast<float>(std::exp2(ds.exposure)));
      p->setUniformValue("u_invGamma", static_cast<float>(1.0 / ds.gamma));
      p->setUniformValue("u_background", QVector3D(kBackground.redF(), kBackground.greenF(),
                                                   kBackground.blueF()));
      glBindVertexArray(vao_);
      glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
      glBindVertexArray(0);
      p->release();
    }
  }
  drawOverlays();
  paintNs_ += timer.nsecsElapsed();
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

void Viewer::drawOverlays() {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  QFont font = painter.font();
  font.setPointSizeF(9.5);
  painter.setFont(font);
  const QSizeF frame = frameSize();
  const QRectF area(0, 0, width(), height());
  if (frame.isEmpty()) {
    painter.setPen(QColor(150, 150, 155));
    painter.drawText(area, Qt::AlignCenter, placeholder_.isEmpty()
                         ? QStringLiteral("Open a source with File ▸ Open Source (Ctrl+O)\nor drop sequences here")
                         : placeholder_);
  }
  if (!frame.isEmpty() && compare_.mode == CompareMode::Wipe) {
    const QPointF c = wipeHandle(false);
    const double a = compare_.wipeAngle * M_PI / 180.0;
    const QPointF dir(std::sin(a), -std::cos(a));
    const double reach = std::hypot(width(), height());
    painter.setPen(QPen(QColor(255, 255, 255, 190), 1.0));
    painter.drawLine(c - dir * reach, c + dir * reach);
    painter.setPen(QPen(QColor(255, 255, 255, 220), 1.5));
    painter.setBrush(QColor(40, 40, 44, 200));
    painter.drawEllipse(c, kHandleRadius, kHandleRadius);
    painter.drawEllipse(wipeHandle(true), kHandleRadius - 2, kHandleRadius - 2);
  }
  auto tag = [&](const QString& text, Qt::Alignment align) {
    if (text.isEmpty()) return;
    const QFontMetrics fm(painter.font());
    const QSizeF s(fm.horizontalAdvance(text) + 14, fm.height() + 6);
    QPointF at(align & Qt::AlignLeft ? 10 : width() - s.width() - 10, 10);
    const QRectF box(at, s);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(20, 20, 22, 190));
    painter.drawRoundedRect(box, 3, 3);
    painter.setPen(QColor(225, 225, 230));
    painter.drawText(box, Qt::AlignCenter, text);
  };
  if (!frame.isEmpty()) {
    const bool two = compare_.mode != CompareMode::A && compare_.mode != CompareMode::B;
    if (compare_.mode == CompareMode::B) {
      tag(labelB_, Qt::AlignLeft);
    } else if (compare_.mode == CompareMode::Difference) {
      tag(QStringLiteral("|A − B| × %1").arg(compare_.differenceGain, 0, 'g', 3), Qt::AlignLeft);
    } else {
      tag(two && compare_.swapped ? labelB_ : labelA_, Qt::AlignLeft);
      if (two) tag(compare_.swapped ? labelA_ : labelB_, Qt::AlignRight);
    }
  }
  const QString problem = !glError_.isEmpty() ? glError_ : message_;
  if (!problem.isEmpty()) {
    const QFontMetrics fm(painter.font());
    const QRectF text = fm.boundingRect(QRect(0, 0, width() - 80, 400), Qt::TextWordWrap, problem);
    QRectF box(0, 0, text.width() + 32, text.height() + 20);
    box.moveCenter(QPointF(width() / 2.0, height() - box.height() / 2.0 - 24));
    painter.setPen(QPen(QColor(230, 80, 70), 1.5));
    painter.setBrush(QColor(40, 16, 16, 225));
    painter.drawRoundedRect(box, 4, 4);
    painter.setPen(QColor(255, 220, 215));
    painter.drawText(box, Qt::AlignCenter | Qt::TextWordWrap, problem);
  }
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
