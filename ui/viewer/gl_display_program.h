#pragma once
// The viewer's shader program with OCIO's display function spliced in, and OCIO's LUTs as
// textures from unit 1. Rebuilt only when the OCIO shader's cache id changes.
#include <QOpenGLExtraFunctions>
#include <QOpenGLShaderProgram>
#include <QString>
#include <memory>
#include <vector>

#include "core/color/ocio_gpu.h"

namespace filmrecover::ui {

//! Program + LUT textures for one OCIO GPU shader; needs a current GL context.
class GlDisplayProgram {
 public:
  //! Compiles viewer.vert/viewer.frag with `shader` spliced in (null = identity) and uploads
  //! its LUTs. `error()` says what failed.
  bool build(QOpenGLExtraFunctions* gl, const GpuShader* shader);
  //! Frees GL objects (context must be current).
  void release(QOpenGLExtraFunctions* gl);
  //! The cache id the program was built for ("identity" when none).
  const QString& cacheId() const { return cacheId_; }
  QOpenGLShaderProgram* program() const { return program_.get(); }
  const QString& error() const { return error_; }
  //! Binds the LUT textures to units 1..n and sets their samplers; returns the next free unit.
  int bindLuts(QOpenGLExtraFunctions* gl);

  //! The fragment shader text with `ocioText` at the splice marker.
  static QString spliceFragment(const QString& fragmentTemplate, const QString& ocioText);

 private:
  struct Lut {
    unsigned texture = 0;
    unsigned target = 0;
    QByteArray sampler;
  };
  std::unique_ptr<QOpenGLShaderProgram> program_;
  std::vector<Lut> luts_;
  std::vector<std::pair<QByteArray, float>> uniforms_;
  QString cacheId_;
  QString error_;
};

}  // namespace filmrecover::ui
