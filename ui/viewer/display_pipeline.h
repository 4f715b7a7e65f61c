#pragma once
// One display transform, on both sides: OCIO's GPU shader for the viewer and the CPU processor
// of the same transform for the pixel probe and the scopes.
#include <QString>
#include <QStringList>
#include <memory>

#include "core/color/ocio_gpu.h"
#include "core/image/image.h"
#include "ui/viewer/display_settings.h"

namespace filmrecover {
class OcioConfig;
class ColorProcessor;
}  // namespace filmrecover

namespace filmrecover::ui {

//! A resolved display transform. Immutable once built; share it between threads.
class DisplayPipeline {
 public:
  //! Builds the transform of `settings` (empty names resolved to the config's defaults) on
  //! `config`. Throws InputError naming an unknown colour space, display or view.
  DisplayPipeline(std::shared_ptr<const OcioConfig> config, const DisplaySettings& settings);
  ~DisplayPipeline();

  //! The settings with every name resolved.
  const DisplaySettings& settings() const { return settings_; }
  //! The GLSL of the OCIO part (function OCIODisplay, resources prefixed "ocio_").
  const GpuShader& gpuShader() const { return shader_; }
  //! Applies exposure, the OCIO transform and gamma to one pixel, as the viewer's shader does.
  void applyRgb(float& r, float& g, float& b) const;
  //! Applies the whole display transform to every pixel of `image`, in place.
  void apply(Image& image) const;
  //! The config the transform came from.
  const std::shared_ptr<const OcioConfig>& config() const { return config_; }

  //! The colour space frames are assumed to be in when the user has not chosen one:
  //! a display-referred Rec.709 space when the config has one (the workflow's exchange
  //! format), else the config's default role.
  static QString defaultInputSpace(const OcioConfig& config);

 private:
  std::shared_ptr<const OcioConfig> config_;
  DisplaySettings settings_;
  std::shared_ptr<const ColorProcessor> processor_;
  GpuShader shader_;
};

}  // namespace filmrecover::ui
