#pragma once
#include <cstdint>
#include <string>

#include <opencv2/core.hpp>

namespace filmrecover::synth {

//! The kinds of picture a synthetic shot can show; each exercises a part of the
//! restoration problem (skin, foliage and sky, neutrals and shadows, primaries, edges, text).
enum class SceneKind { Landscape, Portrait, Interior, Primaries, Architecture, Document };

//! Number of SceneKind values.
constexpr int kSceneKindCount = 6;

//! Lower-case name of a kind ("landscape", "portrait", ...).
std::string sceneKindName(SceneKind kind);

//! Paints a deterministic scene of `kind` as a CV_32FC3 matrix in R,G,B order, values
//! display-referred in [0,1]. The same (kind, size, seed) always gives the same pixels.
cv::Mat paintScene(SceneKind kind, int width, int height, uint32_t seed);

}  // namespace filmrecover::synth
