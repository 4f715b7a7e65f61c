#include "core/align/transforms.h"

#include <algorithm>
#include <cmath>

#include "core/exec/errors.h"
#include "core/match/json_file.h"

namespace filmrecover::align {

using match::readJsonFile;
using match::writeJsonAtomic;

using nlohmann::json;

namespace {

json rectJson(const Rect& r) { return {{"x0", r.x0}, {"y0", r.y0}, {"x1", r.x1}, {"y1", r.y1}}; }
Rect rectFrom(const json& j) {
  return Rect{j.at("x0").get<int>(), j.at("y0").get<int>(), j.at("x1").get<int>(), j.at("y1").get<int>()};
}
double rounded(double v, double scale) { return std::round(v * scale) / scale; }

}  // namespace

const FrameTransform* Transforms::forSource(int sourceFrame) const {
  for (const auto& f : frames)
    if (f.source == sourceFrame) return &f;
  return nullptr;
}

json transformsToJson(const Transforms& t) {
  json frames = json::array();
  int flagged = 0;
  for (const auto& f : t.frames) {
    flagged += f.flagged();
    json m = json::array();
    for (int r = 0; r < 3; ++r)
      m.push_back({rounded(f.matrix[r * 3], 1e9), rounded(f.matrix[r * 3 + 1], 1e9), rounded(f.matrix[r * 3 + 2], 1e9)});
    frames.push_back({{"source", f.source},
                      {"reference", f.reference},
                      {"matrix", m},
                      {"ecc", rounded(f.correlation, 1e5)},
                      {"residual_px", rounded(f.residual, 1e4)},
                      {"inlier_ratio", rounded(f.inlierRatio, 1e4)},
                      {"smoothed", f.smoothed},
                      {"crop", rectJson(f.crop)},
                      {"flag", f.flag.empty() ? json(nullptr) : json(f.flag)},
                      {"file", f.file}});
  }
  json skipped = json::array();
  for (const auto& s : t.skipped)
    skipped.push_back({{"source", s.source}, {"reference", s.reference}, {"reason", s.reason}, {"unreadable", s.unreadable}});
  return json{{"version", t.version},
              {"source", t.source},
              {"reference", t.reference},
              {"mapping", t.mapping},
              {"output", t.output},
              {"model", t.model},
              {"size", {t.width, t.height}},
              {"shared_crop", rectJson(t.sharedCrop)},
              {"summary", {{"aligned", t.frames.size()}, {"flagged", flagged}, {"skipped", t.skipped.size()}}},
              {"frames", frames},
              {"skipped", skipped}};
}

Transforms transformsFromJson(const json& doc, const std::string& what) {
  try {
    Transforms t;
    t.version = doc.value("version", 1);
    t.source = doc.value("source", std::string());
    t.reference = doc.value("reference", std::string());
    t.mapping = doc.value("mapping", std::string());
    t.output = doc.value("output", std::string());
    t.model = doc.value("model", std::string("affine"));
    if (doc.contains("size")) t.width = doc["size"].at(0).get<int>(), t.height = doc["size"].at(1).get<int>();
    if (doc.contains("shared_crop")) t.sharedCrop = rectFrom(doc["shared_crop"]);
    for (const auto& f : doc.at("frames")) {
      FrameTransform ft;
      ft.source = f.at("source").get<int>();
      ft.reference = f.at("reference").get<int>();
      for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) ft.matrix[r * 3 + c] = f.at("matrix").at(r).at(c).get<double>();
      ft.correlation = f.value("ecc", 0.0);
      ft.residual = f.value("residual_px", 0.0);
      ft.inlierRatio = f.value("inlier_ratio", 0.0);
      ft.smoothed = f.value("smoothed", false);
      if (f.contains("crop")) ft.crop = rectFrom(f["crop"]);
      if (f.contains("flag") && !f["flag"].is_null()) ft.flag = f["flag"].get<std::string>();
      ft.file = f.value("file", std::string());
      t.frames.push_back(ft);
    }
    if (doc.contains("skipped"))
      for (const auto& s : doc["skipped"])
        t.skipped.push_back({s.at("source").get<int>(), s.at("reference").get<int>(), s.value("reason", std::string()),
                             s.value("unreadable", false)});
    std::sort(t.frames.begin(), t.frames.end(),
              [](const FrameTransform& a, const FrameTransform& b) { return a.source < b.source; });
    return t;
  } catch (const std::exception& e) {
    throw InputError(what + " is not a filmrecover transforms file (" + e.what() + ")");
  }
}

void writeTransforms(const Transforms& t, const std::string& path) { writeJsonAtomic(transformsToJson(t), path); }

Transforms readTransforms(const std::string& path) {
  return transformsFromJson(readJsonFile(path, "transforms"), "transforms " + path);
}

}  // namespace filmrecover::align
