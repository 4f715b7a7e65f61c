// The traditional baseline: the match-grade 3D LUT fitted on the training pairs and applied
// to every source frame, so the report can show what learning adds. It is `grade --project`'s
// run (grade::runMatchGrade), so the baseline recover reports and the one a project graded
// step by step are the same frames, and the same LUT the model's grade-first fit makes.
#include <algorithm>
#include <chrono>
#include <filesystem>

#include "core/curate/dataset_file.h"
#include "core/grade/match_grade_job.h"
#include "core/io/output_pattern.h"
#include "core/pipeline/fingerprint.h"
#include "core/pipeline/recover_context.h"
#include "core/workflow/stage_records.h"

namespace filmrecover::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

void runGradeStage(RecoverContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string key = hashJson({{"curate", ctx.keys["curate"]}, {"version", 1}});
  ctx.keys["grade"] = key;
  StageOutcome out{"grade"};
  const std::vector<int> frames = ctx.usableSourceFrames();
  const OutputPattern pattern(ctx.work.baselinePattern());
  const bool complete = std::all_of(frames.begin(), frames.end(),
                                    [&](int f) { return fs::exists(pattern.pathFor(f)); });
  if (ctx.upToDate("grade", key) && complete && fs::exists(ctx.work.baselineLut())) {
    out.reused = true;
    out.summary = "baseline " + ctx.work.baselinePattern();
    ctx.result->stages.push_back(out);
    return;
  }
  // A resumed stage keeps its finished frames and grades the rest with the LUT they got
  // (the fit of the same pairs is deterministic).
  const bool resume = ctx.interrupted("grade", key);
  ctx.begin("grade", key);
  fs::create_directories(fs::path(ctx.work.baselineLut()).parent_path());

  const auto dataset = curate::readDatasetFile(ctx.work.dataset());
  grade::MatchGradeRequest request;
  request.input = ctx.options.source;
  request.target = ctx.work.alignedPattern();
  request.trainingFrames = dataset.selection.train;
  request.output = ctx.work.baselinePattern();
  request.renderFrames = frames;
  request.fit.crop = dataset.crop;
  request.fit.threads = ctx.options.threads;
  request.cubePath = ctx.work.baselineLut();
  request.skipExisting = resume;
  request.stopOnWriteError = true;  // a full disk stops recover; the rerun resumes here
  // Every step of the grade (reading pairs, the fit, the frames) is the stage's progress.
  const auto progress = [&ctx, total = static_cast<long long>(frames.size())](const ProgressEvent& e) {
    if (e.stage == "grade")
      ctx.report("grade", e.done, e.total, e.message);
    else
      ctx.report("grade", 0, total, e.message);
  };
  const grade::MatchGradeResult graded = grade::runMatchGrade(request, progress, ctx.cancel);

  ctx.recordDefects("source", "grade", graded.unreadable);
  if (ctx.warn)
    for (const auto& f : graded.pairsLeftOut) ctx.warn("the baseline's fit left out a " + f);
  std::vector<int> done = graded.written;
  done.insert(done.end(), graded.skipped.begin(), graded.skipped.end());
  std::sort(done.begin(), done.end());
  const json fit = {{"size", graded.lut.size},
                    {"samples", graded.fit.samples},
                    {"rmsError", graded.fit.rmsError},
                    {"seconds", graded.fit.seconds}};
  workflow::recordBaselineGrade(*ctx.catalog, ctx.options.source, ctx.work.baselinePattern(), done,
                                request.trainingFrames, ctx.work.baselineLut(), fit);
  out.resumed = resume;
  out.summary = std::to_string(done.size()) + " frames graded with " + ctx.work.baselineLut();
  ctx.finish("grade", key, {{"lut", ctx.work.baselineLut()}, {"pattern", ctx.work.baselinePattern()}});
  out.seconds = secondsSince(t0);
  ctx.result->stages.push_back(out);
}

}  // namespace filmrecover::pipeline
