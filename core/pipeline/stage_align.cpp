// Alignment stage: the reference registered onto the source, frame by frame, and the
// shared crop. align itself keeps finished frames and resumes.
#include <chrono>
#include <filesystem>
#include <sstream>

#include "core/align/align_pairs.h"
#include "core/align/registration.h"
#include "core/align/transforms.h"
#include "core/exec/errors.h"
#include "core/io/frame_defect.h"
#include "core/pipeline/fingerprint.h"
#include "core/pipeline/recover_context.h"
#include "core/workflow/stage_records.h"
#include "core/workflow/stage_runs.h"

namespace filmrecover::pipeline {
namespace fs = std::filesystem;

void runAlignStage(RecoverContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string key = hashJson({{"match", ctx.keys["match"]}, {"model", ctx.options.alignModel}, {"version", 1}});
  ctx.keys["align"] = key;
  StageOutcome out{"align"};
  align::Transforms t;
  if (ctx.upToDate("align", key) && fs::exists(ctx.work.transforms())) {
    t = align::readTransforms(ctx.work.transforms());
    out.reused = true;
  } else {
    const bool resume = ctx.interrupted("align", key);
    if (!resume && fs::exists(ctx.work.transforms())) {
      // Another mapping or model: the frames on disk belong to the old one.
      fs::remove_all(fs::path(ctx.work.transforms()).parent_path());
    }
    ctx.begin("align", key);
    const auto mapping = match::readMapping(ctx.work.mapping());
    align::AlignOptions options;
    options.registration.model = align::motionModelFromName(ctx.options.alignModel);
    options.transformsPath = ctx.work.transforms();
    options.mappingPath = ctx.work.mapping();
    options.threads = ctx.options.threads;
    t = workflow::runAlign(ctx.source, ctx.reference, mapping, ctx.work.alignedPattern(), options, ctx.catalog,
                           ctx.progress, ctx.cancel)
            .transforms;
    out.resumed = resume;
  }
  // Pairs left out because a frame could not be read (damaged after matching): named and
  // recorded with the element whose file it was.
  std::vector<FrameDefect> sourceDefects, referenceDefects;
  workflow::alignmentDefects(t, *ctx.source, *ctx.reference, sourceDefects, referenceDefects);
  ctx.recordDefects("source", "align", sourceDefects);
  ctx.recordDefects("reference", "align", referenceDefects);
  int flagged = 0;
  double residual = 0;
  for (const auto& f : t.frames) {
    flagged += !f.flag.empty();
    residual += f.residual;
  }
  if (!t.frames.empty()) residual /= t.frames.size();
  if (t.frames.empty() || flagged == static_cast<int>(t.frames.size()))
    throw RunError("No reference frame could be aligned onto " + ctx.options.source + " (see " +
                   ctx.work.transforms() + ").");
  std::ostringstream s;
  s << t.frames.size() << " frames aligned (" << flagged << " flagged), mean residual " << residual
    << " px, shared crop " << t.sharedCrop.x0 << "," << t.sharedCrop.y0 << "-" << t.sharedCrop.x1 << ","
    << t.sharedCrop.y1;
  out.summary = s.str();
  ctx.finish("align", key, {{"frames", t.frames.size()}, {"flagged", flagged}, {"meanResidual", residual}});
  out.seconds = secondsSince(t0);
  ctx.result->stages.push_back(out);
}

}  // namespace filmrecover::pipeline
