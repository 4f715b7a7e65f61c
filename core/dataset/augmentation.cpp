#include "core/dataset/augmentation.h"

namespace filmrecover {

void to_json(nlohmann::json& j, const AugmentationSettings& a) {
  j = {{"horizontalFlip", a.horizontalFlip},
       {"scaleJitter", a.scaleJitter},
       {"subpixelTranslate", a.subpixelTranslate},
       {"exposure", a.exposure}};
}

void from_json(const nlohmann::json& j, AugmentationSettings& a) {
  AugmentationSettings d;
  a.horizontalFlip = j.value("horizontalFlip", d.horizontalFlip);
  a.scaleJitter = j.value("scaleJitter", d.scaleJitter);
  a.subpixelTranslate = j.value("subpixelTranslate", d.subpixelTranslate);
  a.exposure = j.value("exposure", d.exposure);
}

}  // namespace filmrecover
