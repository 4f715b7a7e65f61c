#include "core/infer/infer_settings.h"

#include "core/exec/errors.h"

namespace filmrecover {

void to_json(nlohmann::json& j, const InferSettings& s) {
  j = {{"tileSize", s.tileSize}, {"context", s.context}, {"feather", s.feather}, {"mix", s.mix},
       {"chromaGuide", {{"radius", s.chromaGuide.radius}, {"eps", s.chromaGuide.eps}}},
       {"threads", s.threads}, {"device", toString(s.device)}, {"precision", toString(s.precision)}};
}

void from_json(const nlohmann::json& j, InferSettings& s) {
  const InferSettings d;
  s.tileSize = j.value("tileSize", d.tileSize);
  s.context = j.value("context", d.context);
  s.feather = j.value("feather", d.feather);
  s.mix = j.value("mix", d.mix);
  s.chromaGuide = d.chromaGuide;
  if (const auto guide = j.find("chromaGuide"); guide != j.end()) {
    s.chromaGuide.radius = guide->value("radius", d.chromaGuide.radius);
    s.chromaGuide.eps = guide->value("eps", d.chromaGuide.eps);
  }
  s.threads = j.value("threads", d.threads);
  s.device = parseDeviceChoice(j.value("device", toString(d.device)));
  s.precision = parsePrecision(j.value("precision", toString(d.precision)));
}

void validateInferSettings(const InferSettings& s) {
  if (s.tileSize != 0 && (s.tileSize < 64 || s.tileSize % 4 != 0))
    throw InputError("--tile must be 0 (auto) or a multiple of 4 of at least 64.");
  if (s.context < 0 || s.context % 4 != 0) throw InputError("the tile context must be a non-negative multiple of 4.");
  if (s.feather < 0 || s.feather % 4 != 0) throw InputError("the tile feather must be a non-negative multiple of 4.");
  if (s.tileSize != 0 && s.tileSize - 2 * s.context - s.feather < 16)
    throw InputError("--tile " + std::to_string(s.tileSize) + " is too small for its context and feather.");
  if (!(s.mix >= 0.0f && s.mix <= 1.0f)) throw InputError("--mix must be between 0 and 1.");
  if (s.threads < 0) throw InputError("--threads must not be negative.");
  if (s.chromaGuide.radius < 0 || s.chromaGuide.radius > 8)
    throw InputError("--chroma-guide-radius must be between 0 (off) and 8 pixels.");
  if (!(s.chromaGuide.eps > 0)) throw InputError("the chroma guide's eps must be above 0.");
}

}  // namespace filmrecover
