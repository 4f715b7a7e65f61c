#include "ui/viewer/viewer_surface.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QOpenGLContext>
#include <QOpenGLFramebufferObject>
#include <QOpenGLPaintDevice>
#include <QPainter>
#include <QVector2D>
#include <QVector3D>
#include <cmath>

#include "ui/viewer/display_pipeline.h"
#include "ui/viewer/viewer.h"

namespace filmrecover::ui {

namespace {
const QColor kBackground(30, 30, 32);
constexpr double kHandleRadius = Viewer::kHandleRadius;
}  // namespace

ViewerSurface::ViewerSurface(Viewer* viewer) : QOpenGLWindow(QOpenGLWindow::NoPartialUpdate), viewer_(viewer) {
  // Keyboard focus stays with the widgets (the window's shortcuts, the Viewer's focus);
  // this window only draws and hands its mouse input to the Viewer.
  setFlag(Qt::WindowDoesNotAcceptFocus);
}

ViewerSurface::~ViewerSurface() {
  if (!isValid()) return;
  makeCurrent();
  releaseGl();
  doneCurrent();
}

void ViewerSurface::releaseGl() {
  if (texA_) glDeleteTextures(1, &texA_);
  if (texB_) glDeleteTextures(1, &texB_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
  texA_ = texB_ = vao_ = 0;
  program_.release(this);
}

bool ViewerSurface::event(QEvent* e) {
  switch (e->type()) {
    case QEvent::MouseButtonPress:
      viewer_->setFocus(Qt::MouseFocusReason);
      [[fallthrough]];
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::Leave:
    case QEvent::DragEnter:
    case QEvent::DragMove:
    case QEvent::DragLeave:
    case QEvent::Drop:
      // The surface fills the Viewer at (0, 0): positions need no mapping. Drops travel up
      // from the Viewer to the main window, which takes them for the whole window.
      return QCoreApplication::sendEvent(viewer_, e);
    default:
      return QOpenGLWindow::event(e);
  }
}

void ViewerSurface::initializeGL() {
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

void ViewerSurface::ensureProgram() {
  const auto& pipeline = viewer_->displayPipeline();
  const GpuShader* shader = pipeline ? &pipeline->gpuShader() : nullptr;
  const QString wanted = shader ? QString::fromStdString(shader->cacheId) : QStringLiteral("identity");
  if (program_.program() && program_.cacheId() == wanted) return;
  if (!program_.build(this, shader)) {
    glError_ = program_.error();
    qWarning("%s", qPrintable(glError_));
  } else {
    glError_.clear();
  }
}

void ViewerSurface::upload(unsigned& texture, const Image* image, const Image*& uploaded) {
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

void ViewerSurface::paintGL() {
  ++paints_;
  QElapsedTimer timer;
  timer.start();
  drawPicture(size() * devicePixelRatio());
  {
    QPainter painter(this);  // after the raw GL: QPainter resets the GL state when it ends
    drawOverlays(painter);
  }
  paintNs_ += timer.nsecsElapsed();
}

void ViewerSurface::drawPicture(QSize pixels) {
  const qreal dpr = devicePixelRatio();
  const QSizeF frame = viewer_->frameSize();
  const CompareSettings& compare = viewer_->compare();
  const ViewTransform& view = viewer_->viewTransform();
  glViewport(0, 0, pixels.width(), pixels.height());
  glClearColor(kBackground.redF(), kBackground.greenF(), kBackground.blueF(), 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (glError_.isEmpty() && vao_ && !frame.isEmpty()) {
    ensureProgram();
    if (QOpenGLShaderProgram* p = program_.program()) {
      const auto a = viewer_->imageA();
      const auto b = viewer_->imageB();
      glActiveTexture(GL_TEXTURE0);
      upload(texA_, a.get(), uploadedA_);
      upload(texB_, b.get(), uploadedB_);
      p->bind();
      const int unitB = program_.bindLuts(this);
      // Nearest when magnified (pixel peeping), linear when reduced.
      const GLint filter = view.zoom * dpr >= 1.0 ? GL_NEAREST : GL_LINEAR;
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
      p->setUniformValue("u_viewSize", QVector2D(pixels.width(), pixels.height()));
      p->setUniformValue("u_zoom", static_cast<float>(view.zoom * dpr));
      p->setUniformValue("u_centre", QVector2D(view.centre));
      p->setUniformValue("u_frameSize", QVector2D(frame.width(), frame.height()));
      p->setUniformValue("u_mode", static_cast<int>(compare.mode));
      p->setUniformValue("u_swapped", compare.swapped);
      p->setUniformValue("u_hasA", a != nullptr);
      p->setUniformValue("u_hasB", b != nullptr);
      p->setUniformValue("u_wipeCentre", QVector2D(compare.wipeX * frame.width(), compare.wipeY * frame.height()));
      const double angle = compare.wipeAngle * M_PI / 180.0;
      p->setUniformValue("u_wipeNormal", QVector2D(std::cos(angle), std::sin(angle)));
      p->setUniformValue("u_differenceGain", static_cast<float>(compare.differenceGain));
      const auto& pipeline = viewer_->displayPipeline();
      const DisplaySettings ds = pipeline ? pipeline->settings() : DisplaySettings();
      p->setUniformValue("u_exposureGain", static_cast<float>(std::exp2(ds.exposure)));
      p->setUniformValue("u_invGamma", static_cast<float>(1.0 / ds.gamma));
      p->setUniformValue("u_background", QVector3D(kBackground.redF(), kBackground.greenF(), kBackground.blueF()));
      glBindVertexArray(vao_);
      glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
      glBindVertexArray(0);
      p->release();
    }
  }
}

QImage ViewerSurface::grabFrame() {
  if (!isValid()) return QImage();
  makeCurrent();
  const qreal dpr = devicePixelRatio();
  const QSize pixels = size() * dpr;
  QOpenGLFramebufferObject fbo(pixels, QOpenGLFramebufferObject::CombinedDepthStencil);
  fbo.bind();
  drawPicture(pixels);
  {
    // A paint device over the bound framebuffer object: the overlays land on the picture.
    QOpenGLPaintDevice device(pixels);
    device.setDevicePixelRatio(dpr);
    QPainter painter(&device);
    drawOverlays(painter);
  }
  QImage image = fbo.toImage();
  fbo.release();
  doneCurrent();
  image.setDevicePixelRatio(dpr);
  return image;
}

void ViewerSurface::drawOverlays(QPainter& painter) {
  const int w = width(), h = height();
  painter.setRenderHint(QPainter::Antialiasing);
  QFont font = painter.font();
  font.setPointSizeF(9.5);
  painter.setFont(font);
  const QSizeF frame = viewer_->frameSize();
  const CompareSettings& compare = viewer_->compare();
  const QRectF area(0, 0, w, h);
  if (frame.isEmpty()) {
    painter.setPen(QColor(150, 150, 155));
    painter.drawText(area, Qt::AlignCenter, viewer_->placeholder().isEmpty()
                         ? QStringLiteral("Open a source with File ▸ Open Source (Ctrl+O)\nor drop sequences here")
                         : viewer_->placeholder());
  }
  if (!frame.isEmpty() && compare.mode == CompareMode::Wipe) {
    const QPointF c = viewer_->wipeHandle(false);
    const double a = compare.wipeAngle * M_PI / 180.0;
    const QPointF dir(std::sin(a), -std::cos(a));
    const double reach = std::hypot(w, h);
    painter.setPen(QPen(QColor(255, 255, 255, 190), 1.0));
    painter.drawLine(c - dir * reach, c + dir * reach);
    painter.setPen(QPen(QColor(255, 255, 255, 220), 1.5));
    painter.setBrush(QColor(40, 40, 44, 200));
    painter.drawEllipse(c, kHandleRadius, kHandleRadius);
    painter.drawEllipse(viewer_->wipeHandle(true), kHandleRadius - 2, kHandleRadius - 2);
  }
  auto tag = [&](const QString& text, Qt::Alignment align) {
    if (text.isEmpty()) return;
    const QFontMetrics fm(painter.font());
    const QSizeF s(fm.horizontalAdvance(text) + 14, fm.height() + 6);
    QPointF at(align & Qt::AlignLeft ? 10 : w - s.width() - 10, 10);
    const QRectF box(at, s);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(20, 20, 22, 190));
    painter.drawRoundedRect(box, 3, 3);
    painter.setPen(QColor(225, 225, 230));
    painter.drawText(box, Qt::AlignCenter, text);
  };
  if (!frame.isEmpty()) {
    const bool two = compare.mode != CompareMode::A && compare.mode != CompareMode::B;
    if (compare.mode == CompareMode::B) {
      tag(viewer_->labelB(), Qt::AlignLeft);
    } else if (compare.mode == CompareMode::Difference) {
      tag(QStringLiteral("|A − B| × %1").arg(compare.differenceGain, 0, 'g', 3), Qt::AlignLeft);
    } else {
      tag(two && compare.swapped ? viewer_->labelB() : viewer_->labelA(), Qt::AlignLeft);
      if (two) tag(compare.swapped ? viewer_->labelA() : viewer_->labelB(), Qt::AlignRight);
    }
  }
  const QString problem = !glError_.isEmpty() ? glError_ : viewer_->message();
  if (!problem.isEmpty()) {
    const QFontMetrics fm(painter.font());
    const QRectF text = fm.boundingRect(QRect(0, 0, w - 80, 400), Qt::TextWordWrap, problem);
    QRectF box(0, 0, text.width() + 32, text.height() + 20);
    box.moveCenter(QPointF(w / 2.0, h - box.height() / 2.0 - 24));
    painter.setPen(QPen(QColor(230, 80, 70), 1.5));
    painter.setBrush(QColor(40, 16, 16, 225));
    painter.drawRoundedRect(box, 4, 4);
    painter.setPen(QColor(255, 220, 215));
    painter.drawText(box, Qt::AlignCenter | Qt::TextWordWrap, problem);
  }
}

}  // namespace filmrecover::ui
