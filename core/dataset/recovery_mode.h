#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace filmrecover {

//! What a model recovers (see docs/engine.md and the workflow design).
//! - Chroma: learns reference Cb/Cr from source Y,Cb,Cr; output keeps source Y exactly.
//! - Spatial: learns reference Y from source Y; output keeps source Cb/Cr exactly.
//! - Combined: learns detail-reference Y and chroma-reference Cb/Cr from source Y,Cb,Cr.
enum class RecoveryMode { Chroma, Spatial, Combined };

//! "chroma", "spatial" or "combined".
std::string toString(RecoveryMode mode);
//! Parses a mode name; throws InputError naming `what` (e.g. "--mode") on anything else.
RecoveryMode parseRecoveryMode(const std::string& text, const std::string& what = "mode");

//! Channels the network sees, in order (e.g. {"Y","Cb","Cr"}).
std::vector<std::string> inputChannelNames(RecoveryMode mode);
//! Channels the network predicts, in order (e.g. {"Cb","Cr"}).
std::vector<std::string> outputChannelNames(RecoveryMode mode);
//! Number of network input channels for `mode`.
int inputChannelCount(RecoveryMode mode);
//! Number of network output channels for `mode`.
int outputChannelCount(RecoveryMode mode);

//! JSON as the mode name.
void to_json(nlohmann::json& j, RecoveryMode mode);
//! Reads a mode name; throws InputError on an unknown one.
void from_json(const nlohmann::json& j, RecoveryMode& mode);

}  // namespace filmrecover
