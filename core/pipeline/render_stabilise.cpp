#include "core/pipeline/render_stabilise.h"

#include "core/match/mapping.h"

namespace filmrecover::pipeline {

StabiliseSettings stabiliseSettingsFor(const std::string& mode, const std::string& mappingPath, bool wanted) {
  StabiliseSettings s;
  s.enabled = wanted && (mode == "chroma" || mode == "combined");
  if (s.enabled) s.cuts = match::sourceCutsIn(mappingPath);
  return s;
}

}  // namespace filmrecover::pipeline
