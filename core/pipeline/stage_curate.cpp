// Curation stage: diverse training and hold-out pairs, recorded as decisions in the catalog.
#include <chrono>
#include <filesystem>
#include <sstream>

#include "core/curate/curate_job.h"
#include "core/io/frame_set.h"
#include "core/match/mapping.h"
#include "core/pipeline/fingerprint.h"
#include "core/pipeline/recover_context.h"
#include "core/pipeline/training_defaults.h"
#include "core/workflow/stage_runs.h"

namespace filmrecover::pipeline {
namespace fs = std::filesystem;

void runCurateStage(RecoverContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto mapping = match::readMapping(ctx.work.mapping());
  int train = 0, holdout = 0;
  chooseCurationCounts(static_cast<int>(mapping.usablePairs().size()), train, holdout);
  if (ctx.options.train) train = *ctx.options.train;
  if (ctx.options.holdout) holdout = *ctx.options.holdout;
  ctx.chosen["train_pairs"] = train;
  ctx.chosen["holdout_pairs"] = holdout;
  const std::string key = hashJson({{"align", ctx.keys["align"]}, {"train", train}, {"holdout", holdout},
                                    {"version", 1}});
  ctx.keys["curate"] = key;
  StageOutcome out{"curate"};
  curate::DatasetFile dataset;
  if (ctx.upToDate("curate", key) && fs::exists(ctx.work.dataset())) {
    dataset = curate::readDatasetFile(ctx.work.dataset());
    out.reused = true;
  } else {
    ctx.begin("curate", key);
    curate::CurateRequest r;
    r.source = ctx.options.source;
    r.aligned = ctx.work.alignedPattern();
    r.mapping = ctx.work.mapping();
    r.transforms = ctx.work.transforms();
    r.output = ctx.work.dataset();
    r.contactSheet = ctx.work.contactSheet();
    r.selection.train = train;
    r.selection.holdout = holdout;
    r.threads = ctx.options.threads;
    const workflow::CurateOutcome curated = workflow::runCurate(r, ctx.catalog, "auto", {}, ctx.progress, ctx.cancel);
    dataset = curated.result.dataset;
    ctx.recordDefects("source", "curate", curated.sourceDefects);
    ctx.recordDefects("aligned", "curate", curated.alignedDefects);
  }
  std::ostringstream s;
  s << "train " << formatFrameSet(dataset.selection.train) << ", hold-out " << formatFrameSet(dataset.selection.holdout)
    << ", " << dataset.selection.rejected.size() << " rejected, crop " << dataset.crop.x0 << "," << dataset.crop.y0
    << "-" << dataset.crop.x1 << "," << dataset.crop.y1;
  out.summary = s.str();
  ctx.finish("curate", key, curate::datasetToJson(dataset));
  out.seconds = secondsSince(t0);
  ctx.result->stages.push_back(out);
}

}  // namespace filmrecover::pipeline
