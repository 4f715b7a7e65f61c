#include "core/pipeline/recover_pipeline.h"

#include <filesystem>
#include <fstream>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"
#include "core/io/frame_source.h"
#include "core/io/output_pattern.h"
#include "core/match/json_file.h"
#include "core/pipeline/recover_context.h"
#include "core/pipeline/scope_plan.h"
#include "core/project/project_catalog.h"
#include "core/workflow/stage_records.h"

namespace filmrecover::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void checkOptions(const RecoverOptions& o) {
  if (o.mode != "chroma" && o.mode != "spatial" && o.mode != "combined")
    throw InputError("--mode must be chroma, spatial or combined, not '" + o.mode + "'.");
  if (o.output.empty()) throw InputError("recover needs an output pattern (-o OUTPUT).");
  OutputPattern check(o.output);  // throws InputError naming a pattern without frame token
  (void)check;
  if (o.steps && *o.steps < 1) throw InputError("--steps must be at least 1.");
  if (o.crop && (*o.crop < 16 || *o.crop % 4)) throw InputError("--crop must be a multiple of 4, at least 16.");
  if (o.batch && *o.batch < 1) throw InputError("--batch must be at least 1.");
  if (o.train && *o.train < 1) throw InputError("--train must be at least 1.");
  if (o.holdout && *o.holdout < 0) throw InputError("--holdout cannot be negative.");
  const std::string a = o.alignModel;
  if (a != "translation" && a != "similarity" && a != "affine" && a != "homography")
    throw InputError("--align-model must be translation, similarity, affine or homography, not '" + a + "'.");
  parseScopeChoice(o.scope);  // InputError naming --scope
}

}  // namespace

std::string defaultWorkDir(const std::string& outputPattern) {
  const fs::path p = fs::absolute(outputPattern);
  return (p.parent_path() / "recover-work").string();
}

RecoverResult runRecover(const RecoverOptions& options, const CancelToken& cancel, const RecoverListeners& l) {
  checkOptions(options);
  RecoverResult result;
  RecoverContext ctx;
  ctx.options = options;
  ctx.options.workDir = fs::absolute(options.workDir.empty() ? defaultWorkDir(options.output) : options.workDir).string();
  ctx.options.report = options.report.empty() ? workflow::ProjectLayout::at(ctx.options.workDir).report() : options.report;
  ctx.work = workflow::ProjectLayout::at(ctx.options.workDir);
  ctx.cancel = cancel;
  ctx.progress = l.progress;
  ctx.note = l.note ? l.note : [](const std::string&) {};
  ctx.warn = l.warn ? l.warn : [](const std::string&) {};
  ctx.result = &result;
  ctx.source = FrameSource::open(options.source);
  ctx.reference = FrameSource::open(options.reference);
  if (ctx.source->info().frames.empty()) throw InputError(options.source + " holds no frame.");
  if (ctx.reference->info().frames.empty()) throw InputError(options.reference + " holds no frame.");
  fs::create_directories(ctx.work.root);
  workflow::migrateLegacyLayout(ctx.work);
  if (fs::path(options.output).has_parent_path()) fs::create_directories(fs::absolute(options.output).parent_path());
  project::ProjectCatalog catalog(ctx.work.root);
  ctx.catalog = &catalog;
  catalog.setMeta("mode", options.mode);
  if (!options.operatorName.empty()) catalog.setMeta("operator", options.operatorName);
  workflow::recordElement(catalog, "source", *ctx.source);
  workflow::recordElement(catalog, "reference", *ctx.reference);
  result.workDir = ctx.work.root;
  result.output = options.output;
  result.report = ctx.options.report;

  runMatchStage(ctx);
  runQualityStage(ctx);
  runAlignStage(ctx);
  runCurateStage(ctx);
  runTrainStage(ctx);
  runScopeStage(ctx);
  runRenderStage(ctx);
  if (options.baseline) runGradeStage(ctx);
  runReportStage(ctx);

  workflow::writeProjectExports(catalog);
  json stages = json::array();
  for (const auto& s : result.stages)
    stages.push_back({{"name", s.name}, {"reused", s.reused}, {"resumed", s.resumed}, {"seconds", s.seconds},
                      {"summary", s.summary}});
  result.summary = {{"mode", options.mode}, {"source", options.source}, {"reference", options.reference},
                    {"output", options.output}, {"workDir", result.workDir}, {"report", result.report},
                    {"model", result.model}, {"framesRendered", result.framesRendered}, {"stages", stages},
                    {"chosen", ctx.chosen}, {"warnings", result.warnings}, {"keys", ctx.keys}};
  json skipped = json::array();
  for (const auto& s : result.skipped)
    skipped.push_back({{"role", s.role}, {"stage", s.stage}, {"frame", s.defect.frame}, {"path", s.defect.path},
                       {"kind", s.defect.kind}, {"message", s.defect.message}});
  result.summary["skipped"] = skipped;
  result.summary["qc"] = result.qc;
  result.summary["scope"] = ctx.stageResult("scope");
  return result;
}

}  // namespace filmrecover::pipeline
