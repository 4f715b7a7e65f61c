#include "ui/viewer/gl_display_program.h"

#include <QFile>
#include <QOpenGLContext>

namespace filmrecover::ui {

namespace {

constexpr const char* kMarker = "//@OCIO_DISPLAY@";
constexpr const char* kIdentity = "vec4 OCIODisplay(vec4 inPixel) { return inPixel; }\n";

QString readResource(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(f.readAll());
}

}  // namespace

QString GlDisplayProgram::spliceFragment(const QString& fragmentTemplate, const QString& ocioText) {
  QString text = fragmentTemplate;
  text.replace(QLatin1String(kMarker), ocioText);
  return text;
}

bool GlDisplayProgram::build(QOpenGLExtraFunctions* gl, const GpuShader* shader) {
  release(gl);
  error_.clear();
  const QString vert = readResource(QStringLiteral(":/shaders/viewer.vert"));
  const QString fragTemplate = readResource(QStringLiteral(":/shaders/viewer.frag"));
  if (vert.isEmpty() || fragTemplate.isEmpty()) {
    error_ = QStringLiteral("the viewer shaders are missing from the resources");
    return false;
  }
  const QString ocio = shader ? QString::fromStdString(shader->text) : QString::fromLatin1(kIdentity);
  program_ = std::make_unique<QOpenGLShaderProgram>();
  if (!program_->addShaderFromSourceCode(QOpenGLShader::Vertex, vert) ||
      !program_->addShaderFromSourceCode(QOpenGLShader::Fragment, spliceFragment(fragTemplate, ocio)) ||
      !program_->link()) {
    error_ = QStringLiteral("the viewer shader did not compile: ") + program_->log();
    program_.reset();
    return false;
  }
  cacheId_ = shader ? QString::fromStdString(shader->cacheId) : QStringLiteral("identity");
  if (!shader) return true;
  for (const GpuLutTexture& t : shader->textures) {
    Lut lut;
    lut.sampler = QByteArray::fromStdString(t.samplerName);
    gl->glGenTextures(1, &lut.texture);
    const GLenum filter = t.linearInterpolation ? GL_LINEAR : GL_NEAREST;
    const GLenum internal = t.channels == 1 ? GL_R32F : GL_RGB32F;
    const GLenum format = t.channels == 1 ? GL_RED : GL_RGB;
    gl->glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    if (t.dimensions == 3) {
      lut.target = GL_TEXTURE_3D;
      gl->glBindTexture(GL_TEXTURE_3D, lut.texture);
      gl->glTexImage3D(GL_TEXTURE_3D, 0, internal, t.width, t.height, t.depth, 0, format, GL_FLOAT,
                       t.values.data());
      gl->glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_WRAP_R, GL_CLAMP_TO_EDGE);
    } else if (t.dimensions == 1) {
      // OCIO declares sampler1D for height-1 LUTs on desktop GL.
      lut.target = 0x0DE0;  // GL_TEXTURE_1D, absent from the GLES-flavoured headers
      gl->glBindTexture(lut.target, lut.texture);
      auto* texImage1D = reinterpret_cast<void (*)(GLenum, GLint, GLint, GLsizei, GLint, GLenum,
                                                   GLenum, const void*)>(
          QOpenGLContext::currentContext()->getProcAddress("glTexImage1D"));
      if (!texImage1D) {
        error_ = QStringLiteral("this OpenGL has no 1D textures for the OCIO LUT");
        return false;
      }
      texImage1D(lut.target, 0, internal, t.width, 0, format, GL_FLOAT, t.values.data());
    } else {
      lut.target = GL_TEXTURE_2D;
      gl->glBindTexture(GL_TEXTURE_2D, lut.texture);
      gl->glTexImage2D(GL_TEXTURE_2D, 0, internal, t.width, t.height, 0, format, GL_FLOAT,
                       t.values.data());
    }
    gl->glTexParameteri(lut.target, GL_TEXTURE_MIN_FILTER, filter);
    gl->glTexParameteri(lut.target, GL_TEXTURE_MAG_FILTER, filter);
    gl->glTexParameteri(lut.target, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    gl->glTexParameteri(lut.target, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    luts_.push_back(lut);
  }
  for (const GpuUniform& u : shader->uniforms)
    uniforms_.emplace_back(QByteArray::fromStdString(u.name), static_cast<float>(u.value));
  return true;
}

int GlDisplayProgram::bindLuts(QOpenGLExtraFunctions* gl) {
  int unit = 1;
  for (const Lut& lut : luts_) {
    gl->glActiveTexture(GL_TEXTURE0 + unit);
    gl->glBindTexture(lut.target, lut.texture);
    program_->setUniformValue(lut.sampler.constData(), unit);
    ++unit;
  }
  for (const auto& [name, value] : uniforms_) program_->setUniformValue(name.constData(), value);
  gl->glActiveTexture(GL_TEXTURE0);
  return unit;
}

void GlDisplayProgram::release(QOpenGLExtraFunctions* gl) {
  for (Lut& lut : luts_)
    if (lut.texture) gl->glDeleteTextures(1, &lut.texture);
  luts_.clear();
  uniforms_.clear();
  program_.reset();
  cacheId_.clear();
}

}  // namespace filmrecover::ui
