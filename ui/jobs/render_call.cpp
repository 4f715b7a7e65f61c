#include "ui/jobs/render_call.h"

#include <QThread>
#include <memory>

#include "core/exec/errors.h"
#include "core/project/project_catalog.h"
#include "core/match/mapping.h"
#include "core/workflow/project_layout.h"
#include "core/workflow/render_run.h"
#include "core/io/frame_defect.h"
#include "core/io/frame_set.h"

namespace filmrecover::ui {

nlohmann::json runRender(const RenderRequest& request, const JobContext& context) {
  RenderJob job;
  job.model = request.model;
  job.input = request.source;
  job.output = request.output;
  if (!request.frames.empty()) job.frames = parseFrameSet(request.frames);
  if (request.format == "exr-float") job.write.exrDataType = "float";
  else if (request.format == "exr-half") job.write.exrDataType = "half";
  if (!request.operatorName.empty()) job.write.attributes["filmrecover:operator"] = request.operatorName;
  // Every core but one: the interface keeps one.
  job.infer.threads = request.threads > 0 ? request.threads : std::max(1, QThread::idealThreadCount() - 1);
  job.skipExisting = true;  // a cancelled render continues where it stopped
  // Colour as recover renders it (a spatial model ignores both): guided by the luma, and
  // steadied along the source's motion within the shots match found.
  if (!request.chromaGuide) job.infer.chromaGuide.radius = 0;
  job.stabilise.enabled = request.stabilise;
  if (request.stabilise && !request.projectDir.empty())
    job.stabilise.cuts = match::sourceCutsIn(workflow::ProjectLayout::at(request.projectDir).mapping());
  std::unique_ptr<project::ProjectCatalog> catalog;  // this thread's own connection
  if (!request.projectDir.empty()) catalog = std::make_unique<project::ProjectCatalog>(request.projectDir);
  const workflow::RenderOutcome outcome = workflow::runRender(job, catalog.get(), request.runId, context.progress, context.cancel);
  const RenderResult& result = outcome.result;
  context.cancel.throwIfCancelled();
  if (!result.failedFrames.empty()) {
    // Every frame named: the defective inputs by kind, and the first sentence in full.
    std::string text = std::to_string(result.failedFrames.size()) + " frame(s) not rendered (" +
                       formatFrameSet(result.failedFrames) + ")";
    if (!result.defects.empty()) text += "; " + defectSummary(result.defects);
    if (!result.failures.empty()) text += ". First: " + result.failures.front();
    throw RunError(text + ". The other frames are written; fix the files and render again to finish.");
  }
  return outcome.provenance;
}

}  // namespace filmrecover::ui
