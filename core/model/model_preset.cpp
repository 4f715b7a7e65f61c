#include "core/model/model_preset.h"

#include "core/exec/errors.h"

namespace filmrecover {

std::string toString(ModelPreset preset) {
  switch (preset) {
    case ModelPreset::S: return "S";
    case ModelPreset::M: return "M";
    case ModelPreset::L: return "L";
  }
  return "M";
}

ModelPreset parseModelPreset(const std::string& text, const std::string& what) {
  if (text == "S" || text == "s") return ModelPreset::S;
  if (text == "M" || text == "m") return ModelPreset::M;
  if (text == "L" || text == "l") return ModelPreset::L;
  throw InputError(what + " must be S, M or L, not '" + text + "'.");
}

int presetWidth(ModelPreset preset) {
  switch (preset) {
    case ModelPreset::S: return 16;
    case ModelPreset::M: return 32;
    case ModelPreset::L: return 64;
  }
  return 32;
}

void to_json(nlohmann::json& j, ModelPreset preset) { j = toString(preset); }
void from_json(const nlohmann::json& j, ModelPreset& preset) {
  preset = parseModelPreset(j.get<std::string>());
}

}  // namespace filmrecover
