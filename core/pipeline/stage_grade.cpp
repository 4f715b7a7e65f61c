// The traditional baseline: a match-grade 3D LUT fitted on the training pairs, applied to
// every source frame, so the report can show what learning adds.
#include <algorithm>
#include <chrono>
#include <filesystem>

#include "core/curate/dataset_file.h"
#include "core/exec/errors.h"
#include "core/io/frame_defect.h"
#include "core/grade/cube_file.h"
#include "core/grade/lut_fit.h"
#include "core/io/image_writer.h"
#include "core/io/output_pattern.h"
#include "core/io/provenance.h"
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
  const bool resume = ctx.interrupted("grade", key) && fs::exists(ctx.work.baselineLut());
  ctx.begin("grade", key);
  fs::create_directories(fs::path(ctx.work.baselineLut()).parent_path());
  grade::Lut3D lut;
  json fit = json::object();
  std::vector<int> trainingFrames;
  if (resume) {
    lut = grade::readCube(ctx.work.baselineLut());
  } else {
    const auto dataset = curate::readDatasetFile(ctx.work.dataset());
    trainingFrames = dataset.selection.train;
    const auto aligned = FrameSource::open(ctx.work.alignedPattern());
    std::vector<Image> sources, targets;
    for (int f : dataset.selection.train) {
      sources.push_back(ctx.source->read(f));
      targets.push_back(aligned->read(f));
    }
    std::vector<grade::LutTrainingPair> pairs;
    for (size_t i = 0; i < sources.size(); ++i) pairs.push_back({&sources[i], &targets[i]});
    grade::LutFitOptions options;
    options.crop = dataset.crop;
    options.threads = ctx.options.threads;
    grade::LutFitReport report;
    lut = grade::fitLut(pairs, options, &report, ctx.cancel);
    fit = {{"size", lut.size}, {"samples", report.samples}, {"rmsError", report.rmsError}, {"seconds", report.seconds}};
    lut.title = "filmrecover match-grade baseline";
    grade::writeCube(lut, ctx.work.baselineLut());
  }
  long long done = 0;
  std::vector<FrameDefect> unreadable;
  for (int f : frames) {
    ctx.cancel.throwIfCancelled();
    const std::string path = pattern.pathFor(f);
    if (!(resume && fs::exists(path))) {
      Image input;
      try {
        input = ctx.source->read(f);
      } catch (const InputError& e) {
        unreadable.push_back(defectOf(e, f, ctx.source->framePath(f)));
        continue;
      }
      Image graded = grade::applyLut(lut, input, ctx.options.threads);
      graded.attributes.clear();
      addProvenance(graded.attributes, {{"recovery", "match-grade baseline"}, {"lut", ctx.work.baselineLut()},
                                        {"source", ctx.options.source}},
                    false);
      writeImageAtomic(path, graded);
    }
    ctx.report("grade", ++done, static_cast<long long>(frames.size()), "frame " + std::to_string(f) + " done");
  }
  ctx.recordDefects("source", "grade", unreadable);
  std::vector<int> graded;
  for (int f : frames)
    if (std::none_of(unreadable.begin(), unreadable.end(), [f](const FrameDefect& d) { return d.frame == f; }))
      graded.push_back(f);
  workflow::recordBaselineGrade(*ctx.catalog, ctx.options.source, ctx.work.baselinePattern(), graded, trainingFrames,
                                ctx.work.baselineLut(), fit);
  out.resumed = resume;
  out.summary = std::to_string(frames.size() - unreadable.size()) + " frames graded with " + ctx.work.baselineLut();
  ctx.finish("grade", key, {{"lut", ctx.work.baselineLut()}, {"pattern", ctx.work.baselinePattern()}});
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ctx.result->stages.push_back(out);
}

}  // namespace filmrecover::pipeline
