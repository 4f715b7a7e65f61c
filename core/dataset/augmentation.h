#pragma once
#include <nlohmann/json.hpp>

namespace filmrecover {

//! Augmentation applied to each random training crop (the workflow's recommendation:
//! small translate/scale, horizontal flip, exposure ±0.1, no rotation).
struct AugmentationSettings {
  bool horizontalFlip = true;  //!< mirror half of the crops left-right
  double scaleJitter = 0.1;    //!< crops are resampled from a region of crop x (1 ± scaleJitter)
  bool subpixelTranslate = true; //!< sub-pixel crop positions (bilinear) besides integer ones
  double exposure = 0.1;       //!< input and target multiplied by 1 ± exposure (same gain both)
  bool operator==(const AugmentationSettings& o) const {
    return horizontalFlip == o.horizontalFlip && scaleJitter == o.scaleJitter &&
           subpixelTranslate == o.subpixelTranslate && exposure == o.exposure;
  }
};

//! JSON with keys horizontalFlip, scaleJitter, subpixelTranslate, exposure.
void to_json(nlohmann::json& j, const AugmentationSettings& a);
//! Reads what to_json wrote; missing keys keep their defaults.
void from_json(const nlohmann::json& j, AugmentationSettings& a);

}  // namespace filmrecover
