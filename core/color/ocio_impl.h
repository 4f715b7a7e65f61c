#pragma once
// Private to core/color: the OCIO objects behind OcioConfig and ColorProcessor.
#include <OpenColorIO/OpenColorIO.h>

#include "core/color/ocio_config.h"

namespace filmrecover {

namespace OCIO = OCIO_NAMESPACE;

struct OcioConfig::Impl {
  OCIO::ConstConfigRcPtr config;
  std::string path;
};

struct ColorProcessor::Impl {
  OCIO::ConstProcessorRcPtr processor;
  OCIO::ConstCPUProcessorRcPtr cpu;
};

//! Checks that `name` is a colour space or role of `config`; InputError naming it otherwise.
void requireColorSpace(const OCIO::ConstConfigRcPtr& config, const std::string& name);
//! Checks display and view; InputError naming them otherwise.
void requireDisplayView(const OCIO::ConstConfigRcPtr& config, const std::string& display, const std::string& view);
//! The OCIO processor of from → display/view.
OCIO::ConstProcessorRcPtr makeDisplayProcessor(const OCIO::ConstConfigRcPtr& config, const std::string& from,
                                               const std::string& display, const std::string& view);

}  // namespace filmrecover
