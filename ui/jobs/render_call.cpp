#include "ui/jobs/render_call.h"

#include <QThread>

#include "core/exec/errors.h"
#include "core/infer/renderer.h"
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
  const RenderResult result = renderSequence(job, context.progress, context.cancel);
  context.cancel.throwIfCancelled();
  if (!result.failedFrames.empty()) {
    // Every frame named: the defective inputs by kind, and the first sentence in full.
    std::string text = std::to_string(result.failedFrames.size()) + " frame(s) not rendered (" +
                       formatFrameSet(result.failedFrames) + ")";
    if (!result.defects.empty()) text += "; " + defectSummary(result.defects);
    if (!result.failures.empty()) text += ". First: " + result.failures.front();
    throw RunError(text + ". The other frames are written; fix the files and render again to finish.");
  }
  nlohmann::json provenance;
  provenance["job"] = job;
  provenance["result"] = result;
  return provenance;
}

}  // namespace filmrecover::ui
