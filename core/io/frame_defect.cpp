#include "core/io/frame_defect.h"

#include <algorithm>
#include <map>

#include "core/io/frame_set.h"

namespace filmrecover {

void to_json(nlohmann::json& j, const FrameDefect& d) {
  j = {{"frame", d.frame}, {"path", d.path}, {"kind", d.kind}, {"message", d.message}};
}

void from_json(const nlohmann::json& j, FrameDefect& d) {
  d.frame = j.value("frame", 0);
  d.path = j.value("path", std::string());
  d.kind = j.value("kind", std::string());
  d.message = j.value("message", std::string());
}

FrameDefect defectOf(const std::exception& e, int frame, const std::string& path) {
  if (const auto* d = dynamic_cast<const FrameDefectError*>(&e)) return d->defect;
  return FrameDefect{frame, path, defect::kUnreadable, e.what()};
}

std::string defectSummary(const std::vector<FrameDefect>& defects) {
  if (defects.empty()) return "no defective frames";
  std::map<std::string, std::vector<int>> byKind;
  for (const auto& d : defects) byKind[d.kind].push_back(d.frame);
  std::string text = std::to_string(defects.size()) + " defective frame(s): ";
  bool first = true;
  for (auto& [kind, frames] : byKind) {
    std::sort(frames.begin(), frames.end());
    text += (first ? "" : ", ") + formatFrameSet(frames) + " (" + kind + ")";
    first = false;
  }
  return text;
}

}  // namespace filmrecover
