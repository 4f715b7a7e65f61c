#include "core/curate/alignment_flags.h"

#include <climits>
#include <filesystem>

#include "core/exec/errors.h"
#include "core/match/json_file.h"

namespace filmrecover::curate {
using nlohmann::json;

namespace {
Rect rectFrom(const json& c, const std::string& path) {
  if (c.contains("x0")) return {c.at("x0"), c.at("y0"), c.at("x1"), c.at("y1")};
  if (c.contains("width")) {
    const int x = c.value("x", 0), y = c.value("y", 0);
    // Summed in 64 bits: x + width of a crafted file overflowed int (undefined behaviour).
    const long long x1 = static_cast<long long>(x) + c.at("width").get<int>();
    const long long y1 = static_cast<long long>(y) + c.at("height").get<int>();
    if (x1 > INT_MAX || y1 > INT_MAX || x1 < INT_MIN || y1 < INT_MIN)
      throw InputError(path + " is not a transforms file (its crop reaches beyond any frame).");
    return {x, y, static_cast<int>(x1), static_cast<int>(y1)};
  }
  return {};
}
}  // namespace

AlignmentFlags readAlignmentFlags(const std::string& path) {
  AlignmentFlags out;
  if (path.empty() || !std::filesystem::exists(path)) return out;
  const json doc = match::readJsonFile(path, "transforms file");
  out.found = true;
  try {
    const json* list = &doc;
    if (doc.is_object()) {
      for (const char* key : {"frames", "transforms", "pairs"})
        if (doc.contains(key) && doc[key].is_array()) list = &doc[key];
      for (const char* key : {"crop", "sharedCrop", "shared_crop"})
        if (doc.contains(key) && doc[key].is_object()) out.crop = rectFrom(doc[key], path);
    }
    if (!list->is_array()) return out;
    for (const auto& e : *list) {
      if (!e.is_object()) continue;
      const int frame = e.contains("frame") ? e["frame"].get<int>() : e.value("source", 0);
      std::string reason;
      if (e.contains("flag") && e["flag"].is_string()) reason = e["flag"].get<std::string>();
      if (e.contains("flags") && e["flags"].is_array() && !e["flags"].empty()) reason = e["flags"][0].get<std::string>();
      if (e.value("flagged", false)) reason = e.value("reason", reason.empty() ? std::string("alignment flagged") : reason);
      if (!reason.empty()) out.flags[frame] = "alignment: " + reason;
    }
  } catch (const json::exception& e) {
    throw InputError(path + " is not a transforms file (" + e.what() + ").");
  }
  return out;
}

}  // namespace filmrecover::curate
