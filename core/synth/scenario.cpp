#include "core/synth/scenario.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/color/ycbcr.h"
#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"
#include "core/exec/parallel_for.h"
#include "core/synth/frame_file.h"

namespace filmrecover::synth {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

int even(double v) { return std::max(16, static_cast<int>(std::lround(v / 2.0)) * 2); }

json matrixJson(const cv::Matx33d& m) {
  json rows = json::array();
  for (int r = 0; r < 3; ++r) rows.push_back({m(r, 0), m(r, 1), m(r, 2)});
  return rows;
}

cv::Matx33d matrixFromJson(const json& j) {
  cv::Matx33d m;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) m(r, c) = j.at(r).at(c).get<double>();
  return m;
}

// The source-space rectangle whose every pixel maps inside the reference's valid picture.
Rect sharedCropOf(const cv::Matx33d& sourceToReference, int srcW, int srcH, int refW, int refY0,
                  int refY1) {
  auto inside = [&](double x, double y) {
    const cv::Vec3d p = sourceToReference * cv::Vec3d(x, y, 1.0);
    const double rx = p[0] / p[2], ry = p[1] / p[2];
    return rx >= 1.0 && rx <= refW - 2.0 && ry >= refY0 + 1.0 && ry <= refY1 - 2.0;
  };
  Rect r{0, 0, srcW, srcH};
  // Shrink greedily from the side that fails until all four edges lie inside.
  for (int guard = 0; guard < srcW + srcH && !r.empty(); ++guard) {
    bool top = true, bottom = true, left = true, right = true;
    for (int x = r.x0; x < r.x1; x += 4) {
      top = top && inside(x, r.y0);
      bottom = bottom && inside(x, r.y1 - 1);
    }
    top = top && inside(r.x1 - 1, r.y0);
    bottom = bottom && inside(r.x1 - 1, r.y1 - 1);
    for (int y = r.y0; y < r.y1; y += 4) {
      left = left && inside(r.x0, y);
      right = right && inside(r.x1 - 1, y);
    }
    left = left && inside(r.x0, r.y1 - 1);
    right = right && inside(r.x1 - 1, r.y1 - 1);
    if (top && bottom && left && right) break;
    if (!top) ++r.y0;
    if (!bottom) --r.y1;
    if (!left) ++r.x0;
    if (!right) --r.x1;
  }
  return r;
}

Image makeSourceFrame(const Image& clean, const SourceDamage& d, const FadeOptions& fade, uint32_t seed, int index) {
  Image f = clean;
  if (d.blur > 0) f = degradeBlur(f, d.blur);
  if (d.fade) f = degradeFade(f, fade);
  if (d.monochrome) f = degradeMonochrome(f);
  if (d.damage) f = degradeDamage(f, d.damageOptions, seed, index);
  if (d.grain > 0) f = degradeGrain(f, d.grain, seed * 31u + static_cast<uint32_t>(index));
  return f;
}

bool inSecondScene(const SyntheticFilm& film, const SecondScene& scene, int index) {
  return scene.firstShot >= 0 && film.shotOf(index) >= scene.firstShot;
}

// Film frame `index` as the scenario's truth: the second scene with its own look.
Image filmFrame(const SyntheticFilm& film, const SecondScene& scene, int index) {
  Image f = film.frame(index);
  if (!inSecondScene(film, scene, index)) return f;
  for (size_t p = 0; p < f.pixelCount(); ++p) {
    float* px = &f.pixels[p * f.channels];
    float Y, cb, cr;
    rgbToYCbCr(px[0], px[1], px[2], Y, cb, cr);
    Y = static_cast<float>(scene.lumaGain) * Y + static_cast<float>(scene.lumaLift);
    yCbCrToRgb(Y, cb + static_cast<float>(scene.gradeCb), cr + static_cast<float>(scene.gradeCr), px[0], px[1], px[2]);
    for (int c = 0; c < 3; ++c) px[c] = std::clamp(px[c], 0.0f, 1.0f);
  }
  return f;
}

}  // namespace

SecondScene SecondScene::denser(int firstShot) {
  SecondScene s;
  s.firstShot = firstShot;
  s.lumaGain = 0.8;
  return s;
}

SecondScene SecondScene::unlike(int firstShot) {
  SecondScene s;
  s.firstShot = firstShot;
  s.gradeCb = 0.06;
  s.gradeCr = -0.06;
  return s;
}

std::string scenarioFramePath(const std::string& pattern, int number) {
  const auto pos = pattern.find("####");
  if (pos == std::string::npos) return pattern;
  char digits[32];
  std::snprintf(digits, sizeof digits, "%04d", number);
  return pattern.substr(0, pos) + digits + pattern.substr(pos + 4);
}

ScenarioOptions ScenarioOptions::chroma(int width, int height, int frames, uint32_t seed) {
  ScenarioOptions o;
  o.film = {width, height, frames, std::max(2, frames / 12), seed, 1.0};
  o.source.fade = true;
  o.source.grain = 0.02;
  o.reference.width = even(width * 0.75);   // an anamorphic SD-like transfer
  o.reference.height = even(height * 0.8);
  o.reference.scale = 1.05;
  o.reference.rotation = 0.4;
  o.reference.shiftX = 3.0;
  o.reference.shiftY = -2.0;
  o.reference.jpegQuality = 70;
  o.reference.grain = 0.004;
  o.reference.retime.rate = RateChange::Duplicate25;
  o.reference.retime.startOffset = frames / 6;
  o.reference.retime.endTrim = frames / 8;
  return o;
}

ScenarioOptions ScenarioOptions::spatial(int width, int height, int frames, uint32_t seed) {
  ScenarioOptions o;
  o.film = {width, height, frames, std::max(2, frames / 12), seed, 1.0};
  o.source.blur = 1.6;
  o.source.grain = 0.02;
  o.reference.width = width;   // a sharper element at the same resolution (e.g. a 35mm IN)
  o.reference.height = height;
  o.reference.scale = 1.04;
  o.reference.rotation = 0.3;
  o.reference.shiftX = -2.0;
  o.reference.shiftY = 1.5;
  o.reference.jpegQuality = 94;
  o.reference.retime.rate = RateChange::Duplicate25;
  o.reference.retime.startOffset = frames / 6;
  o.reference.retime.endTrim = frames / 8;
  return o;
}

Scenario writeScenario(const std::string& dir, const ScenarioOptions& o,
                       const ProgressCallback& progress) {
  if (o.extension != "png" && o.extension != "jpg")
    throw InputError("Scenario frames must be png or jpg, not '" + o.extension + "'.");
  const SyntheticFilm film(o.film);
  const ReferenceMaking& rm = o.reference;
  Scenario s;
  s.root = fs::absolute(dir).string();
  s.cleanPattern = (fs::path(s.root) / "clean" / ("clean.####." + o.extension)).string();
  s.sourcePattern = (fs::path(s.root) / "source" / ("source.####." + o.extension)).string();
  s.referencePattern = (fs::path(s.root) / "reference" / ("reference.####." + o.extension)).string();
  s.sourceFrames = film.frameCount();
  s.sourceWidth = o.film.width;
  s.sourceHeight = o.film.height;
  s.referenceWidth = rm.width > 0 ? rm.width : o.film.width;
  s.referenceHeight = rm.height > 0 ? rm.height : o.film.height;
  s.mapping = retime(film, rm.retime);
  s.referenceFrames = static_cast<int>(s.mapping.size());
  s.shots = film.shots();
  const cv::Matx33d reframe =
      reframeMatrix(o.film.width, o.film.height, rm.scale, rm.rotation, rm.shiftX, rm.shiftY);
  const cv::Matx33d resize =
      resizeMatrix(o.film.width, o.film.height, s.referenceWidth, s.referenceHeight);
  const cv::Matx33d sourceToReference = resize * reframe;
  s.referenceToSource = sourceToReference.inv();
  int pictureY0 = 0, pictureY1 = s.referenceHeight;
  if (rm.letterbox > 0)
    degradeLetterbox(Image(s.referenceWidth, s.referenceHeight, 3), rm.letterbox, &pictureY0, &pictureY1);
  s.sharedCrop = sharedCropOf(sourceToReference, s.sourceWidth, s.sourceHeight, s.referenceWidth,
                              pictureY0, pictureY1);
  std::vector<bool> covered(film.frameCount(), false);
  for (const auto& m : s.mapping)
    if (!m.blended()) covered[m.film] = true;
  for (int i = 0; i < film.frameCount(); ++i)
    (covered[i] ? s.coveredSource : s.uncoveredSource).push_back(i + 1);

  std::atomic<int> done{0};
  const int total = s.sourceFrames + s.referenceFrames;
  auto tick = [&](const std::string& what) {
    const int d = ++done;
    reportProgress(progress, {"synth", d, total, what});
  };
  parallelFor(film.frameCount(), 0, [&](int i) {
    const Image clean = filmFrame(film, o.secondScene, i);
    writeImageFile(scenarioFramePath(s.cleanPattern, i + 1), clean);
    const bool second = inSecondScene(film, o.secondScene, i);
    const FadeOptions& fade = second ? o.secondScene.fade : o.source.fadeOptions;
    const Image printed = second && !o.secondScene.lookInSource ? film.frame(i) : clean;
    writeImageFile(scenarioFramePath(s.sourcePattern, i + 1), makeSourceFrame(printed, o.source, fade, o.film.seed, i));
    tick("source frame " + std::to_string(i + 1) + " written");
  });
  parallelFor(s.referenceFrames, 0, [&](int j) {
    const RetimedFrame& m = s.mapping[j];
    Image f = filmFrame(film, o.secondScene, m.film);
    if (m.blended()) f = interlaceFields(f, filmFrame(film, o.secondScene, m.secondField));
    f = degradeWarp(f, reframe.inv(), o.film.width, o.film.height);
    if (rm.blur > 0) f = degradeBlur(f, rm.blur);
    f = degradeResize(f, s.referenceWidth, s.referenceHeight);
    if (rm.letterbox > 0) f = degradeLetterbox(f, rm.letterbox);
    if (rm.grain > 0) f = degradeGrain(f, rm.grain, o.film.seed * 77u + static_cast<uint32_t>(j));
    if (rm.jpegQuality > 0) f = degradeCompress(f, rm.jpegQuality);
    writeImageFile(scenarioFramePath(s.referencePattern, j + 1), f);
    tick("reference frame " + std::to_string(j + 1) + " written");
  });

  json truth;
  truth["format"] = "filmrecover-synth-truth";
  truth["version"] = 1;
  truth["frameNumbering"] = "1-based; film frame i (0-based) is clean/source frame i+1";
  truth["clean"] = {{"pattern", s.cleanPattern}, {"first", 1}, {"last", s.sourceFrames}};
  truth["source"] = {{"pattern", s.sourcePattern}, {"first", 1}, {"last", s.sourceFrames},
                     {"width", s.sourceWidth}, {"height", s.sourceHeight},
                     {"fade", o.source.fade}, {"monochrome", o.source.monochrome},
                     {"blur", o.source.blur}, {"grain", o.source.grain}, {"damage", o.source.damage}};
  truth["reference"] = {{"pattern", s.referencePattern}, {"first", 1}, {"last", s.referenceFrames},
                        {"width", s.referenceWidth}, {"height", s.referenceHeight},
                        {"pictureRows", {pictureY0, pictureY1}}, {"jpegQuality", rm.jpegQuality},
                        {"scale", rm.scale}, {"rotation", rm.rotation},
                        {"shift", {rm.shiftX, rm.shiftY}}};
  json mapping = json::array();
  for (int j = 0; j < s.referenceFrames; ++j) {
    const auto& m = s.mapping[j];
    json e = {{"reference", j + 1}, {"source", m.film + 1}, {"blended", m.blended()}};
    if (m.blended()) e["sourceSecondField"] = m.secondField + 1;
    mapping.push_back(e);
  }
  truth["mapping"] = mapping;
  truth["referenceToSource"] = matrixJson(s.referenceToSource);
  truth["sourceToReference"] = matrixJson(sourceToReference);
  truth["sharedCrop"] = {{"x0", s.sharedCrop.x0}, {"y0", s.sharedCrop.y0},
                         {"x1", s.sharedCrop.x1}, {"y1", s.sharedCrop.y1}};
  truth["coveredSource"] = s.coveredSource;
  truth["uncoveredSource"] = s.uncoveredSource;
  json shots = json::array();
  for (const auto& sh : s.shots)
    shots.push_back({{"first", sh.first + 1}, {"last", sh.first + sh.length},
                     {"kind", sceneKindName(sh.kind)}});
  truth["shots"] = shots;
  if (o.secondScene.firstShot >= 0)
    truth["secondScene"] = {{"firstShot", o.secondScene.firstShot + 1},
                            {"firstFrame", s.shots[std::min<size_t>(o.secondScene.firstShot, s.shots.size() - 1)].first + 1},
                            {"gradeCb", o.secondScene.gradeCb}, {"gradeCr", o.secondScene.gradeCr},
                            {"lumaGain", o.secondScene.lumaGain}, {"lumaLift", o.secondScene.lumaLift},
                            {"lookInSource", o.secondScene.lookInSource},
                            {"fadeChromaLoss", o.secondScene.fade.chromaLoss},
                            {"fadeCast", o.secondScene.fade.magentaCast}};
  const fs::path truthPath = fs::path(s.root) / "truth.json";
  writeFileAtomic(truthPath.string(), truth.dump(2) + "\n", false, Durability::RenameOnly);
  return s;
}

Scenario loadScenario(const std::string& dir) {
  const fs::path truthPath = fs::path(dir) / "truth.json";
  std::ifstream in(truthPath);
  if (!in) throw InputError("No scenario truth at " + truthPath.string() + ".");
  json t;
  try {
    in >> t;
  } catch (const std::exception& e) {
    throw InputError(truthPath.string() + " is not valid JSON: " + e.what());
  }
  Scenario s;
  s.root = fs::absolute(dir).string();
  s.cleanPattern = t["clean"]["pattern"];
  s.sourcePattern = t["source"]["pattern"];
  s.referencePattern = t["reference"]["pattern"];
  s.sourceFrames = t["source"]["last"];
  s.referenceFrames = t["reference"]["last"];
  s.sourceWidth = t["source"]["width"];
  s.sourceHeight = t["source"]["height"];
  s.referenceWidth = t["reference"]["width"];
  s.referenceHeight = t["reference"]["height"];
  for (const auto& e : t["mapping"]) {
    RetimedFrame m;
    m.film = e["source"].get<int>() - 1;
    if (e.value("blended", false)) m.secondField = e["sourceSecondField"].get<int>() - 1;
    s.mapping.push_back(m);
  }
  s.referenceToSource = matrixFromJson(t["referenceToSource"]);
  const auto& c = t["sharedCrop"];
  s.sharedCrop = {c["x0"], c["y0"], c["x1"], c["y1"]};
  s.coveredSource = t["coveredSource"].get<std::vector<int>>();
  s.uncoveredSource = t["uncoveredSource"].get<std::vector<int>>();
  for (const auto& sh : t["shots"]) {
    ShotInfo info;
    info.first = sh["first"].get<int>() - 1;
    info.length = sh["last"].get<int>() - info.first;
    for (int k = 0; k < kSceneKindCount; ++k)
      if (sceneKindName(static_cast<SceneKind>(k)) == sh["kind"]) info.kind = static_cast<SceneKind>(k);
    s.shots.push_back(info);
  }
  return s;
}

}  // namespace filmrecover::synth
