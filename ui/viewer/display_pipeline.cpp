#include "ui/viewer/display_pipeline.h"

#include <algorithm>
#include <cmath>

#include "core/color/ocio_config.h"

namespace filmrecover::ui {

namespace {

void exposeAndGamma(float& v, float gain) { v *= gain; }

float applyGamma(float v, float invGamma) {
  return invGamma == 1.0f ? v : std::pow(std::max(v, 0.0f), invGamma);
}

}  // namespace

QString DisplayPipeline::defaultInputSpace(const OcioConfig& config) {
  const auto spaces = config.colorSpaces();
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  };
  // The workflow exchanges display-referred Rec.709 (gamma 2.4) frames.
  for (const char* want : {"rec.709", "rec709", "bt.709", "bt709"}) {
    for (const auto& s : spaces) {
      const std::string l = lower(s);
      if (l.find(want) != std::string::npos && l.find("lin") == std::string::npos)
        return QString::fromStdString(s);
    }
  }
  for (const char* role : {"color_picking", "default", "scene_linear"}) {
    const std::string cs = config.roleColorSpace(role);
    if (!cs.empty()) return QString::fromStdString(cs);
  }
  return spaces.empty() ? QString() : QString::fromStdString(spaces.front());
}

DisplayPipeline::DisplayPipeline(std::shared_ptr<const OcioConfig> config,
                                 const DisplaySettings& settings)
    : config_(std::move(config)), settings_(settings) {
  if (settings_.inputSpace.isEmpty()) settings_.inputSpace = defaultInputSpace(*config_);
  if (settings_.display.isEmpty())
    settings_.display = QString::fromStdString(config_->defaultDisplay());
  if (settings_.view.isEmpty())
    settings_.view = QString::fromStdString(config_->defaultView(settings_.display.toStdString()));
  if (settings_.gamma <= 0) settings_.gamma = 1.0;
  const std::string in = settings_.inputSpace.toStdString();
  const std::string display = settings_.display.toStdString();
  const std::string view = settings_.view.toStdString();
  processor_ = config_->displayProcessor(in, display, view);
  // GLSL 1.3 text (texture(), sampler3D) compiles under "#version 330 core".
  shader_ = gpuDisplayShader(*config_, in, display, view, "OCIODisplay", "ocio_", "1.3");
}

DisplayPipeline::~DisplayPipeline() = default;

void DisplayPipeline::applyRgb(float& r, float& g, float& b) const {
  const float gain = static_cast<float>(std::exp2(settings_.exposure));
  exposeAndGamma(r, gain);
  exposeAndGamma(g, gain);
  exposeAndGamma(b, gain);
  processor_->applyRgb(r, g, b);
  const float invGamma = static_cast<float>(1.0 / settings_.gamma);
  r = applyGamma(r, invGamma);
  g = applyGamma(g, invGamma);
  b = applyGamma(b, invGamma);
}

void DisplayPipeline::apply(Image& image) const {
  const float gain = static_cast<float>(std::exp2(settings_.exposure));
  if (gain != 1.0f)
    for (size_t i = 0; i < image.pixelCount(); ++i)
      for (int c = 0; c < 3; ++c) image.pixels[i * image.channels + c] *= gain;
  processor_->applyCpu(image);
  const float invGamma = static_cast<float>(1.0 / settings_.gamma);
  if (invGamma != 1.0f)
    for (size_t i = 0; i < image.pixelCount(); ++i)
      for (int c = 0; c < 3; ++c) {
        float& v = image.pixels[i * image.channels + c];
        v = applyGamma(v, invGamma);
      }
}

}  // namespace filmrecover::ui
