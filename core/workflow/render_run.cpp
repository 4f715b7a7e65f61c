#include "core/workflow/render_run.h"

#include <filesystem>
#include <sstream>

#include "core/exec/errors.h"
#include "core/infer/renderer.h"
#include "core/io/frame_set.h"
#include "core/io/frame_source.h"
#include "core/project/project_catalog.h"
#include "core/train/trainer.h"
#include "core/workflow/stage_records.h"

namespace filmrecover::workflow {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string canonical(const std::string& path) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
  return ec ? fs::absolute(path).lexically_normal().string() : p.string();
}

}  // namespace

int64_t trainingRunOfModel(const project::ProjectCatalog& catalog, const std::string& modelPath) {
  const std::string wanted = canonical(modelPath);
  const auto runs = catalog.trainingRuns();
  for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
    if (it->modelPath.empty()) continue;
    const TrainingOutputs o = TrainingOutputs::forModel(it->modelPath);
    for (const std::string& file : {o.model, o.best, o.checkpoint})
      if (canonical(file) == wanted) return it->id;
  }
  return 0;
}

RenderOutcome runRender(const RenderJob& job, project::ProjectCatalog* catalog, int64_t runId,
                        const ProgressCallback& progress, const CancelToken& cancel) {
  RenderOutcome out;
  if (catalog) {
    if (runId <= 0) runId = trainingRunOfModel(*catalog, job.model);
    project::RenderRecord record;
    record.runId = runId;
    record.output = absoluteSpec(job.output);
    if (!job.frames.empty()) {
      record.frames = formatFrameSet(job.frames);
    } else {
      const auto source = FrameSource::open(job.input);
      record.frames = formatFrameSet(source->info().frames);
    }
    record.status = "running";
    out.renderId = catalog->beginRender(record);
  }
  try {
    out.result = renderSequence(job, progress, cancel);
  } catch (const CancelledError&) {
    if (catalog) catalog->finishRender(out.renderId, "cancelled", {{"job", job}});
    throw;
  } catch (const std::exception& e) {
    if (catalog) catalog->finishRender(out.renderId, "failed", {{"job", job}, {"error", e.what()}});
    throw;
  }
  out.provenance = {{"job", job}, {"result", out.result}};
  if (!catalog) return out;
  const bool ok = out.onlyInputDefects();
  catalog->finishRender(out.renderId, ok ? "done" : "failed", out.provenance);
  recordFrameDefects(*catalog, "source", "render", out.result.defects, job.frames);
  project::ExperimentEntry e;
  e.at = project::ProjectCatalog::now();
  e.title = "Render of " + (runId > 0 ? "training run " + std::to_string(runId) : fs::path(job.model).filename().string());
  e.frames = job.frames.empty() ? "every source frame" : formatFrameSet(job.frames);
  e.outputs = job.output;
  e.settings = {{"model", job.model}, {"mix", job.infer.mix}, {"format", job.write.format},
                {"exrDataType", job.write.exrDataType}};
  std::ostringstream obs;
  obs << out.result.rendered << " frames rendered";
  if (out.result.skipped) obs << ", " << out.result.skipped << " kept from before";
  obs << " at " << out.result.framesPerSecond << " frames/s";
  if (!out.result.failedFrames.empty()) obs << "\nnot rendered: " << formatFrameSet(out.result.failedFrames);
  if (!out.result.defects.empty()) obs << " (" << defectSummary(out.result.defects) << ")";
  e.observations = obs.str();
  catalog->addExperiment(e);
  return out;
}

}  // namespace filmrecover::workflow
