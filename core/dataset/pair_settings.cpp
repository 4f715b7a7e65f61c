#include "core/dataset/pair_settings.h"

namespace filmrecover {

void to_json(nlohmann::json& j, const Rect& r) {
  j = {{"x0", r.x0}, {"y0", r.y0}, {"x1", r.x1}, {"y1", r.y1}};
}

void from_json(const nlohmann::json& j, Rect& r) {
  r.x0 = j.value("x0", 0);
  r.y0 = j.value("y0", 0);
  r.x1 = j.value("x1", 0);
  r.y1 = j.value("y1", 0);
}

void to_json(nlohmann::json& j, const PairSettings& s) {
  j = {{"mode", s.mode},
       {"medianPrefilter", s.medianPrefilter},
       {"clampHighlights", s.clampHighlights},
       {"validArea", s.validArea}};
}

void from_json(const nlohmann::json& j, PairSettings& s) {
  PairSettings d;
  s.mode = j.contains("mode") ? j.at("mode").get<RecoveryMode>() : d.mode;
  s.medianPrefilter = j.value("medianPrefilter", d.medianPrefilter);
  s.clampHighlights = j.value("clampHighlights", d.clampHighlights);
  s.validArea = j.contains("validArea") ? j.at("validArea").get<Rect>() : d.validArea;
}

}  // namespace filmrecover
