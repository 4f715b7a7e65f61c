#include "core/infer/render_job.h"

#include "core/io/frame_set.h"

namespace filmrecover {

void to_json(nlohmann::json& j, const RenderJob& job) {
  j = {{"model", job.model}, {"input", job.input}, {"output", job.output},
       {"frames", formatFrameSet(job.frames)}, {"format", job.write.format},
       {"exrDataType", job.write.exrDataType}, {"infer", job.infer},
       {"skipExisting", job.skipExisting}};
  if (job.stabilise.enabled) j["stabilise"] = job.stabilise;
}

void to_json(nlohmann::json& j, const RenderResult& r) {
  j = {{"rendered", r.rendered}, {"skipped", r.skipped}, {"failedFrames", r.failedFrames},
       {"failures", r.failures}, {"defects", r.defects}, {"outputs", r.outputs}, {"modelSealed", r.modelSealed}, {"seconds", r.seconds},
       {"framesPerSecond", r.framesPerSecond}};
}

}  // namespace filmrecover
