#pragma once
// The OpenColorIO configuration of a session: $OCIO or the bundled one, and CPU processors.
// No OCIO types here (pimpl): UI and other modules include this cheaply.
#include <memory>
#include <string>
#include <vector>

#include "core/image/image.h"

namespace filmrecover {

class OcioConfig;

//! A colour transform ready to run on the CPU (built once, applied many times; thread-safe).
class ColorProcessor {
 public:
  ~ColorProcessor();
  //! Applies the transform to the first three channels of every pixel, in place.
  void applyCpu(Image& image) const;
  //! Applies the transform to one RGB triple, in place.
  void applyRgb(float& r, float& g, float& b) const;
  //! True when the transform does nothing.
  bool isNoOp() const;
  //! OCIO's cache id: changes exactly when the transform changes.
  std::string cacheId() const;

  struct Impl;
  explicit ColorProcessor(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

//! A loaded OCIO config. Calls into OCIO run with the C locale pinned.
class OcioConfig {
 public:
  //! $OCIO when set, else the bundled config; loaded once per process. Throws RunError
  //! when neither can be loaded.
  static std::shared_ptr<const OcioConfig> current();
  //! Loads a config file; throws InputError naming the path when it does not load.
  static std::shared_ptr<const OcioConfig> load(const std::string& path);
  //! Path of the bundled config: ../share/filmrecover beside the executable, then the
  //! installed resource folder, then FILMRECOVER_RESOURCE_DIR (the source tree). Throws
  //! RunError when none exists.
  static std::string bundledConfigPath();

  ~OcioConfig();
  //! The file the config came from.
  std::string path() const;
  //! Names of all colour spaces, in config order.
  std::vector<std::string> colorSpaces() const;
  //! Names of all displays / the views of one display.
  std::vector<std::string> displays() const;
  std::vector<std::string> views(const std::string& display) const;
  std::string defaultDisplay() const;
  std::string defaultView(const std::string& display) const;
  //! The colour space a role (e.g. "scene_linear") names; "" when the role is absent.
  std::string roleColorSpace(const std::string& role) const;
  //! True when `name` is a colour space (or role) of the config.
  bool hasColorSpace(const std::string& name) const;

  //! Colour space → colour space. Throws InputError naming an unknown colour space.
  std::shared_ptr<const ColorProcessor> processor(const std::string& from, const std::string& to) const;
  //! Colour space → display/view. Throws InputError naming an unknown display or view.
  std::shared_ptr<const ColorProcessor> displayProcessor(const std::string& from, const std::string& display,
                                                         const std::string& view) const;

  struct Impl;
  explicit OcioConfig(std::unique_ptr<Impl> impl);
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace filmrecover
