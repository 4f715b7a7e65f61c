#pragma once
#include <nlohmann/json.hpp>

#include "core/color/chroma_guide.h"
#include "core/model/compute_settings.h"

namespace filmrecover {

//! How a model is applied to a frame. Memory is bounded by the tile, not the frame: each
//! tile of `tileSize` square (plus context) runs alone and is blended into the result.
struct InferSettings {
  int tileSize = 0;    //!< largest tile side in pixels, a multiple of 4 (the U-Net pools
                       //!< twice); 0 = auto: 2048 on the CPU (HD and 2K in one piece), on
                       //!< CUDA the largest the card's free memory holds (tile_size.h)
  int context = 32;    //!< pixels of context per interior tile side, discarded after the run
                       //!< (>= the U-Net's receptive radius of 29 px: tiles then equal the
                       //!< untiled result)
  int feather = 16;    //!< width of the linear cross-fade between neighbouring tiles
  float mix = 1.0f;    //!< 1 = the recovered channels; < 1 blends them with the source's
  //! Chroma and combined models: the recovered Cb, Cr follow the output's luma edges
  //! (core/color/chroma_guide.h; radius 0 = off), before any mix.
  ChromaGuideSettings chromaGuide;
  int threads = 0;     //!< LibTorch intra-op threads (0 = all cores)
  DeviceChoice device = DeviceChoice::Auto;
  Precision precision = Precision::Auto;

  bool operator==(const InferSettings& o) const {
    return tileSize == o.tileSize && context == o.context && feather == o.feather && mix == o.mix &&
           chromaGuide.radius == o.chromaGuide.radius && chromaGuide.eps == o.chromaGuide.eps &&
           threads == o.threads && device == o.device && precision == o.precision;
  }
};

//! JSON with every field under its member name.
void to_json(nlohmann::json& j, const InferSettings& s);
//! Reads what to_json wrote; missing keys keep their defaults.
void from_json(const nlohmann::json& j, InferSettings& s);

//! Throws InputError naming the flag when a setting is out of range.
void validateInferSettings(const InferSettings& s);

}  // namespace filmrecover
