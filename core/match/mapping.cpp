#include "core/match/mapping.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/exec/errors.h"
#include "core/match/json_file.h"

namespace filmrecover::match {

using nlohmann::json;

std::vector<FramePair> Mapping::usablePairs() const {
  std::vector<FramePair> out;
  for (const auto& p : pairs)
    if (!p.flagged()) out.push_back(p);
  return out;
}

const FramePair* Mapping::pairForSource(int sourceFrame) const {
  auto it = std::lower_bound(pairs.begin(), pairs.end(), sourceFrame,
                             [](const FramePair& p, int f) { return p.source < f; });
  return it != pairs.end() && it->source == sourceFrame ? &*it : nullptr;
}

std::vector<FrameRange> rangesOf(const std::vector<int>& frames) {
  std::vector<FrameRange> out;
  for (int f : frames) {
    if (!out.empty() && out.back().last + 1 == f)
      out.back().last = f;
    else
      out.push_back(FrameRange{f, f});
  }
  return out;
}

namespace {

json rangesJson(const std::vector<FrameRange>& ranges) {
  json a = json::array();
  for (const auto& r : ranges) a.push_back({r.first, r.last});
  return a;
}

json rectJson(const Rect& r) { return {{"x0", r.x0}, {"y0", r.y0}, {"x1", r.x1}, {"y1", r.y1}}; }

Rect rectFrom(const json& j) {
  return Rect{j.at("x0").get<int>(), j.at("y0").get<int>(), j.at("x1").get<int>(), j.at("y1").get<int>()};
}

std::vector<FrameRange> rangesFrom(const json& j) {
  std::vector<FrameRange> out;
  for (const auto& r : j) out.push_back(FrameRange{r.at(0).get<int>(), r.at(1).get<int>()});
  return out;
}

}  // namespace

json mappingToJson(const Mapping& m) {
  json pairs = json::array();
  for (const auto& p : m.pairs) {
    pairs.push_back({{"source", p.source},
                     {"reference", p.reference},
                     {"confidence", std::round(p.confidence * 1e4) / 1e4},
                     {"flag", p.flag.empty() ? json(nullptr) : json(p.flag)}});
  }
  json segments = json::array();
  for (const auto& s : m.segments)
    segments.push_back({{"source", {s.source.first, s.source.last}},
                        {"reference", {s.reference.first, s.reference.last}},
                        {"rate", s.rate},
                        {"offset", s.offset}});
  int flagged = 0;
  for (const auto& p : m.pairs) flagged += p.flagged();
  json doc{
      {"version", m.version},
      {"source", m.source},
      {"reference", m.reference},
      {"source_size", {m.sourceWidth, m.sourceHeight}},
      {"reference_size", {m.referenceWidth, m.referenceHeight}},
      {"source_active_area", rectJson(m.sourceActiveArea)},
      {"reference_active_area", rectJson(m.referenceActiveArea)},
      {"frame_rate", {{"source", m.sourceFrameRate}, {"reference", m.referenceFrameRate}}},
      {"rate_ratio", m.rateRatio},
      {"offset", m.offset},
      {"timecode_hint", m.timecodeHint},
      {"framing", m.hasFraming ? json{{"source_to_reference", {{m.framing[0], m.framing[1], m.framing[2]},
                                                               {m.framing[3], m.framing[4], m.framing[5]},
                                                               {m.framing[6], m.framing[7], m.framing[8]}}}}
                               : json(nullptr)},
      {"summary", {{"pairs", m.pairs.size()}, {"flagged", flagged}}},
      {"pairs", pairs},
      {"unmatched_source", rangesJson(m.unmatchedSource)},
      {"unmatched_reference", rangesJson(m.unmatchedReference)},
      {"cuts", {{"source", m.sourceCuts}, {"reference", m.referenceCuts}}},
      {"segments", segments},
  };
  if (!m.sourceDefects.empty() || !m.referenceDefects.empty())
    doc["defects"] = {{"source", m.sourceDefects}, {"reference", m.referenceDefects}};
  return doc;
}

Mapping mappingFromJson(const json& doc, const std::string& what) {
  try {
    Mapping m;
    m.version = doc.value("version", 1);
    if (m.version != 1) throw InputError(what + " has version " + std::to_string(m.version) + ", this build reads version 1");
    m.source = doc.at("source").get<std::string>();
    m.reference = doc.at("reference").get<std::string>();
    if (doc.contains("source_size")) {
      m.sourceWidth = doc["source_size"].at(0).get<int>();
      m.sourceHeight = doc["source_size"].at(1).get<int>();
    }
    if (doc.contains("reference_size")) {
      m.referenceWidth = doc["reference_size"].at(0).get<int>();
      m.referenceHeight = doc["reference_size"].at(1).get<int>();
    }
    if (doc.contains("source_active_area")) m.sourceActiveArea = rectFrom(doc["source_active_area"]);
    if (doc.contains("reference_active_area")) m.referenceActiveArea = rectFrom(doc["reference_active_area"]);
    if (doc.contains("frame_rate")) {
      m.sourceFrameRate = doc["frame_rate"].value("source", 0.0);
      m.referenceFrameRate = doc["frame_rate"].value("reference", 0.0);
    }
    m.rateRatio = doc.value("rate_ratio", 1.0);
    m.offset = doc.value("offset", 0.0);
    m.timecodeHint = doc.value("timecode_hint", std::string());
    if (doc.contains("framing") && doc["framing"].is_object()) {
      const auto& f = doc["framing"].at("source_to_reference");
      for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) m.framing[r * 3 + c] = f.at(r).at(c).get<double>();
      m.hasFraming = true;
    }
    for (const auto& p : doc.at("pairs")) {
      FramePair fp;
      fp.source = p.at("source").get<int>();
      fp.reference = p.at("reference").get<int>();
      fp.confidence = p.value("confidence", 1.0f);
      if (p.contains("flag") && !p["flag"].is_null()) fp.flag = p["flag"].get<std::string>();
      m.pairs.push_back(fp);
    }
    std::sort(m.pairs.begin(), m.pairs.end(),
              [](const FramePair& a, const FramePair& b) { return a.source < b.source; });
    if (doc.contains("unmatched_source")) m.unmatchedSource = rangesFrom(doc["unmatched_source"]);
    if (doc.contains("unmatched_reference")) m.unmatchedReference = rangesFrom(doc["unmatched_reference"]);
    if (doc.contains("defects") && doc["defects"].is_object()) {
      m.sourceDefects = doc["defects"].value("source", std::vector<FrameDefect>{});
      m.referenceDefects = doc["defects"].value("reference", std::vector<FrameDefect>{});
    }
    if (doc.contains("cuts")) {
      m.sourceCuts = doc["cuts"].value("source", std::vector<int>{});
      m.referenceCuts = doc["cuts"].value("reference", std::vector<int>{});
    }
    if (doc.contains("segments"))
      for (const auto& s : doc["segments"])
        m.segments.push_back(MatchedSegment{{s.at("source").at(0).get<int>(), s.at("source").at(1).get<int>()},
                                            {s.at("reference").at(0).get<int>(), s.at("reference").at(1).get<int>()},
                                            s.value("rate", 1.0),
                                            s.value("offset", 0.0)});
    return m;
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(what + " is not a filmrecover mapping (" + e.what() + ")");
  }
}

void writeMapping(const Mapping& mapping, const std::string& path) {
  writeJsonAtomic(mappingToJson(mapping), path);
}

Mapping readMapping(const std::string& path) {
  return mappingFromJson(readJsonFile(path, "mapping"), "mapping " + path);
}

std::vector<int> sourceCutsIn(const std::string& path) {
  return !path.empty() && std::filesystem::exists(path) ? readMapping(path).sourceCuts : std::vector<int>{};
}

}  // namespace filmrecover::match
