#include "core/color/ocio_config.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "core/color/c_locale.h"
#include "core/color/ocio_impl.h"
#include "core/exec/errors.h"

namespace filmrecover {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- ColorProcessor

ColorProcessor::ColorProcessor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ColorProcessor::~ColorProcessor() = default;

void ColorProcessor::applyCpu(Image& image) const {
  if (image.empty() || image.channels < 3 || impl_->cpu->isNoOp()) return;
  CLocaleScope locale;
  // OCIO's packed descriptor walks channels with a stride, so RGB of RGBA(+) images works in place.
  const long stride = static_cast<long>(image.channels) * static_cast<long>(sizeof(float));
  OCIO::PackedImageDesc desc(image.pixels.data(), image.width, image.height, 3, OCIO::BIT_DEPTH_F32,
                             sizeof(float), stride, stride * image.width);
  impl_->cpu->apply(desc);
}

void ColorProcessor::applyRgb(float& r, float& g, float& b) const {
  float rgb[3] = {r, g, b};
  impl_->cpu->applyRGB(rgb);
  r = rgb[0];
  g = rgb[1];
  b = rgb[2];
}

bool ColorProcessor::isNoOp() const { return impl_->cpu->isNoOp(); }

std::string ColorProcessor::cacheId() const { return impl_->processor->getCacheID(); }

// ---------------------------------------------------------------- helpers

void requireColorSpace(const OCIO::ConstConfigRcPtr& config, const std::string& name) {
  if (!config->getColorSpace(name.c_str()))
    throw InputError("colour space '" + name + "' is not in the OCIO config");
}

void requireDisplayView(const OCIO::ConstConfigRcPtr& config, const std::string& display, const std::string& view) {
  bool displayFound = false;
  for (int i = 0; i < config->getNumDisplays(); ++i)
    if (display == config->getDisplay(i)) displayFound = true;
  if (!displayFound) throw InputError("display '" + display + "' is not in the OCIO config");
  for (int i = 0; i < config->getNumViews(display.c_str()); ++i)
    if (view == config->getView(display.c_str(), i)) return;
  throw InputError("view '" + view + "' of display '" + display + "' is not in the OCIO config");
}

OCIO::ConstProcessorRcPtr makeDisplayProcessor(const OCIO::ConstConfigRcPtr& config, const std::string& from,
                                               const std::string& display, const std::string& view) {
  requireColorSpace(config, from);
  requireDisplayView(config, display, view);
  auto transform = OCIO::DisplayViewTransform::Create();
  transform->setSrc(from.c_str());
  transform->setDisplay(display.c_str());
  transform->setView(view.c_str());
  return config->getProcessor(transform);
}

namespace {

std::shared_ptr<const ColorProcessor> wrap(const OCIO::ConstProcessorRcPtr& processor) {
  auto impl = std::make_unique<ColorProcessor::Impl>();
  impl->processor = processor;
  impl->cpu = processor->getDefaultCPUProcessor();
  return std::make_shared<ColorProcessor>(std::move(impl));
}

std::string executableDir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

}  // namespace

// ---------------------------------------------------------------- OcioConfig

OcioConfig::OcioConfig(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OcioConfig::~OcioConfig() = default;

std::string OcioConfig::bundledConfigPath() {
  // Beside the executable first: an installed program (the .deb puts it in /usr/bin, the
  // config in /usr/share/filmrecover) uses its own copy, even on a machine that also holds
  // a source tree or an install under another prefix. Build-tree programs have no
  // ../share/filmrecover and fall through to the source tree.
  std::vector<fs::path> candidates;
  const std::string exeDir = executableDir();
  if (!exeDir.empty())
    candidates.push_back(fs::path(exeDir) / ".." / "share" / "filmrecover" / "ocio" / "config.ocio");
  candidates.push_back(fs::path(FILMRECOVER_INSTALLED_RESOURCE_DIR) / "ocio" / "config.ocio");
  candidates.push_back(fs::path(FILMRECOVER_RESOURCE_DIR) / "ocio" / "config.ocio");
  for (const auto& candidate : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return fs::weakly_canonical(candidate, ec).string();
  }
  throw RunError("the bundled OCIO config (ocio/config.ocio) is not in ../share/filmrecover beside the program, " +
                 std::string(FILMRECOVER_INSTALLED_RESOURCE_DIR) + " or " + FILMRECOVER_RESOURCE_DIR);
}

std::shared_ptr<const OcioConfig> OcioConfig::load(const std::string& path) {
  CLocaleScope locale;
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  try {
    impl->config = OCIO::Config::CreateFromFile(path.c_str());
    impl->config->validate();
  } catch (const OCIO::Exception& e) {
    throw InputError("OCIO config '" + path + "' does not load: " + e.what());
  }
  return std::make_shared<OcioConfig>(std::move(impl));
}

std::shared_ptr<const OcioConfig> OcioConfig::current() {
  static std::mutex mutex;
  static std::shared_ptr<const OcioConfig> config;
  std::lock_guard<std::mutex> lock(mutex);
  if (!config) {
    const char* env = std::getenv("OCIO");
    try {
      config = load(env && *env ? std::string(env) : bundledConfigPath());
    } catch (const InputError& e) {
      throw RunError(std::string(e.what()) + (env && *env ? " (set by $OCIO)" : ""));
    }
  }
  return config;
}

std::string OcioConfig::path() const { return impl_->path; }

std::vector<std::string> OcioConfig::colorSpaces() const {
  CLocaleScope locale;
  std::vector<std::string> names;
  for (int i = 0; i < impl_->config->getNumColorSpaces(); ++i) names.emplace_back(impl_->config->getColorSpaceNameByIndex(i));
  return names;
}

std::vector<std::string> OcioConfig::displays() const {
  std::vector<std::string> names;
  for (int i = 0; i < impl_->config->getNumDisplays(); ++i) names.emplace_back(impl_->config->getDisplay(i));
  return names;
}

std::vector<std::string> OcioConfig::views(const std::string& display) const {
  std::vector<std::string> names;
  for (int i = 0; i < impl_->config->getNumViews(display.c_str()); ++i)
    names.emplace_back(impl_->config->getView(display.c_str(), i));
  return names;
}

std::string OcioConfig::defaultDisplay() const { return impl_->config->getDefaultDisplay(); }

std::string OcioConfig::defaultView(const std::string& display) const {
  return impl_->config->getDefaultView(display.c_str());
}

std::string OcioConfig::roleColorSpace(const std::string& role) const {
  if (!impl_->config->hasRole(role.c_str())) return {};
  auto cs = impl_->config->getColorSpace(role.c_str());
  return cs ? cs->getName() : std::string();
}

bool OcioConfig::hasColorSpace(const std::string& name) const {
  return static_cast<bool>(impl_->config->getColorSpace(name.c_str()));
}

std::shared_ptr<const ColorProcessor> OcioConfig::processor(const std::string& from, const std::string& to) const {
  CLocaleScope locale;
  requireColorSpace(impl_->config, from);
  requireColorSpace(impl_->config, to);
  try {
    return wrap(impl_->config->getProcessor(from.c_str(), to.c_str()));
  } catch (const OCIO::Exception& e) {
    throw InputError("no OCIO transform from '" + from + "' to '" + to + "': " + e.what());
  }
}

std::shared_ptr<const ColorProcessor> OcioConfig::displayProcessor(const std::string& from, const std::string& display,
                                                                   const std::string& view) const {
  CLocaleScope locale;
  try {
    return wrap(makeDisplayProcessor(impl_->config, from, display, view));
  } catch (const OCIO::Exception& e) {
    throw InputError("no OCIO transform from '" + from + "' to display '" + display + "' view '" + view +
                     "': " + e.what());
  }
}

}  // namespace filmrecover
