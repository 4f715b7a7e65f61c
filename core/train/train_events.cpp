#include "core/train/train_events.h"

namespace filmrecover {

void to_json(nlohmann::json& j, const MetricEvent& e) {
  j = {{"step", e.step}, {"name", e.name}, {"value", e.value}};
}

void from_json(const nlohmann::json& j, MetricEvent& e) {
  e.step = j.value("step", 0ll);
  e.name = j.value("name", "");
  e.value = j.value("value", 0.0);
}

}  // namespace filmrecover
