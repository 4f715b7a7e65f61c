// Stages that look at the two elements: temporal match and the quality map.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <tuple>

#include "core/curate/quality_map.h"
#include "core/exec/errors.h"
#include "core/match/json_file.h"
#include "core/match/match_sources.h"
#include "core/pipeline/fingerprint.h"
#include "core/pipeline/recover_context.h"
#include "core/workflow/stage_records.h"
#include "core/workflow/stage_runs.h"

namespace filmrecover::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

void runMatchStage(RecoverContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string key = hashJson({{"source", sourceFingerprint(*ctx.source)},
                                    {"reference", sourceFingerprint(*ctx.reference)}, {"version", 1}});
  ctx.keys["match"] = key;
  StageOutcome out{"match"};
  match::Mapping mapping;
  const bool reusable = ctx.upToDate("match", key) && fs::exists(ctx.work.mapping());
  if (reusable) mapping = match::readMapping(ctx.work.mapping());
  // A mapping made around defective frames is made again: a repaired frame then takes part.
  if (reusable && mapping.sourceDefects.empty() && mapping.referenceDefects.empty()) {
    out.reused = true;
  } else {
    ctx.begin("match", key);
    match::MatchOptions options;
    options.cacheDir = ctx.work.matchCache();
    options.threads = ctx.options.threads;
    mapping = workflow::runMatch(ctx.source, ctx.reference, options, ctx.work.mapping(), ctx.catalog, ctx.progress,
                                 ctx.cancel).mapping;
  }
  // Gaps in a sequence and frames that could not be read are named, recorded and left out
  // of every later stage.
  ctx.recordDefects("source", "match", workflow::matchDefects(mapping, *ctx.source, true));
  ctx.recordDefects("reference", "match", workflow::matchDefects(mapping, *ctx.reference, false));
  const int usable = static_cast<int>(mapping.usablePairs().size());
  if (usable == 0)
    throw InputError("No frame of " + ctx.options.reference + " matches a frame of " + ctx.options.source +
                     ": the two elements show different pictures.");
  std::ostringstream s;
  s << mapping.pairs.size() << " pairs (" << usable << " usable), " << mapping.unmatchedSource.size()
    << " source ranges without reference, rate " << mapping.rateRatio;
  out.summary = s.str();
  ctx.finish("match", key, {{"pairs", mapping.pairs.size()}, {"usable", usable},
                            {"sourceCuts", mapping.sourceCuts.size()}, {"rateRatio", mapping.rateRatio}});
  out.seconds = secondsSince(t0);
  ctx.result->stages.push_back(out);
}

void runQualityStage(RecoverContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string key = hashJson({{"match", ctx.keys["match"]}, {"version", 1}});
  ctx.keys["inventory"] = key;
  StageOutcome out{"inventory"};
  json doc;
  curate::QualityMap map;
  if (ctx.upToDate("inventory", key) && fs::exists(ctx.work.quality())) {
    doc = match::readJsonFile(ctx.work.quality(), "quality map");
    out.reused = true;
  } else {
    ctx.begin("inventory", key);
    const auto mapping = match::readMapping(ctx.work.mapping());
    map = curate::buildQualityMap(*ctx.source, *ctx.reference, mapping, 2, ctx.cancel, ctx.progress);
    doc = curate::qualityMapToJson(map);
    match::writeJsonAtomic(doc, ctx.work.quality());
    ctx.catalog->setQuality(doc);
  }
  // The verdicts decide the warning whether measured now or earlier.
  map.betterColour = doc.value("betterColour", "unknown");
  map.betterDetail = doc.value("betterDetail", "unknown");
  map.source.chromaVariety = doc["source"].value("chromaVariety", 0.0);
  map.reference.chromaVariety = doc["reference"].value("chromaVariety", 0.0);
  map.source.edgeWidth = doc["source"].value("edgeWidth", 0.0);
  map.reference.edgeWidth = doc["reference"].value("edgeWidth", 0.0);
  const std::string warning = curate::directionWarning(map, ctx.options.mode);
  if (!warning.empty()) {
    ctx.warn(warning);
    ctx.result->warnings.push_back(warning);
  }
  out.summary = "better colour: " + map.betterColour + ", better detail: " + map.betterDetail;
  ctx.finish("inventory", key, {{"betterColour", map.betterColour}, {"betterDetail", map.betterDetail}});
  out.seconds = secondsSince(t0);
  ctx.result->stages.push_back(out);
}

}  // namespace filmrecover::pipeline
