#include "core/dataset/recovery_mode.h"

#include "core/exec/errors.h"

namespace filmrecover {

std::string toString(RecoveryMode mode) {
  switch (mode) {
    case RecoveryMode::Chroma: return "chroma";
    case RecoveryMode::Spatial: return "spatial";
    case RecoveryMode::Combined: return "combined";
  }
  return "chroma";
}

RecoveryMode parseRecoveryMode(const std::string& text, const std::string& what) {
  if (text == "chroma") return RecoveryMode::Chroma;
  if (text == "spatial") return RecoveryMode::Spatial;
  if (text == "combined") return RecoveryMode::Combined;
  throw InputError(what + " must be chroma, spatial or combined, not '" + text + "'.");
}

std::vector<std::string> inputChannelNames(RecoveryMode mode) {
  if (mode == RecoveryMode::Spatial) return {"Y"};
  return {"Y", "Cb", "Cr"};
}

std::vector<std::string> outputChannelNames(RecoveryMode mode) {
  switch (mode) {
    case RecoveryMode::Chroma: return {"Cb", "Cr"};
    case RecoveryMode::Spatial: return {"Y"};
    case RecoveryMode::Combined: return {"Y", "Cb", "Cr"};
  }
  return {};
}

int inputChannelCount(RecoveryMode mode) { return static_cast<int>(inputChannelNames(mode).size()); }
int outputChannelCount(RecoveryMode mode) { return static_cast<int>(outputChannelNames(mode).size()); }

void to_json(nlohmann::json& j, RecoveryMode mode) { j = toString(mode); }
void from_json(const nlohmann::json& j, RecoveryMode& mode) {
  mode = parseRecoveryMode(j.get<std::string>());
}

}  // namespace filmrecover
