#include "core/pipeline/render_stabilise.h"

#include <filesystem>

#include "core/match/mapping.h"

namespace filmrecover::pipeline {

StabiliseSettings stabiliseSettingsFor(const std::string& mode, const std::string& mappingPath, bool wanted) {
  StabiliseSettings s;
  s.enabled = wanted && (mode == "chroma" || mode == "combined");
  if (s.enabled && std::filesystem::exists(mappingPath)) s.cuts = match::readMapping(mappingPath).sourceCuts;
  return s;
}

}  // namespace filmrecover::pipeline
