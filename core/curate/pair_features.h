#pragma once
#include <vector>

#include "core/image/image.h"

namespace filmrecover::curate {

//! Number of values pairFeatures() returns.
constexpr int kPairFeatureCount = 22;

//! What a training pair shows, as a vector of plain numbers for diversity selection:
//! brightness (mean, spread, 10th/90th percentile of luma), colour of the better element
//! (mean and spread of Cb/Cr, a chroma-weighted 8-bin hue histogram, share of skin-tone
//! and of saturated pixels), and texture of the source (gradient energy, high-frequency
//! energy, edge density). Measured inside `crop` (empty = whole frame) on a decimated copy.
std::vector<float> pairFeatures(const Image& source, const Image& aligned, const Rect& crop);

//! Feature groups, for weighting distances: indices [begin, end) of each.
struct FeatureGroups {
  static constexpr int brightnessBegin = 0, brightnessEnd = 4;
  static constexpr int colourBegin = 4, colourEnd = 18;
  static constexpr int textureBegin = 18, textureEnd = 22;
};

}  // namespace filmrecover::curate
