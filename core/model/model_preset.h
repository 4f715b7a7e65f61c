#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace filmrecover {

//! Network size presets: the U-Net of shared/bench/torch_reference.py at base width
//! 16 (S), 32 (M, exactly the benchmark network) or 64 (L).
enum class ModelPreset { S, M, L };

//! "S", "M" or "L".
std::string toString(ModelPreset preset);
//! Parses S/M/L (case-insensitive); throws InputError naming `what` otherwise.
ModelPreset parseModelPreset(const std::string& text, const std::string& what = "size");
//! Base width of the preset: 16, 32 or 64.
int presetWidth(ModelPreset preset);

//! JSON as the preset name.
void to_json(nlohmann::json& j, ModelPreset preset);
//! Reads a preset name.
void from_json(const nlohmann::json& j, ModelPreset& preset);

}  // namespace filmrecover
