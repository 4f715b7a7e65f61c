#pragma once
// One render of the engine (core/infer) as a WorkerJob body: the same call the render
// command makes, with the job's progress and cancellation.
#include <string>

#include <nlohmann/json.hpp>

#include "ui/jobs/worker_job.h"

namespace filmrecover::ui {

//! What to render.
struct RenderRequest {
  std::string model;        //!< model file
  std::string source;       //!< SOURCE spec
  std::string frames;       //!< frame set ("" = every source frame)
  std::string output;       //!< output pattern
  std::string format;       //!< exr-half | exr-float | dpx | tif | png
  int threads = 0;          //!< 0 = every core but one
  std::string operatorName; //!< recorded in the provenance
};

//! Renders on the calling (worker) thread; progress per frame ("render", done, total);
//! returns the provenance the engine recorded. Throws like the engine does.
nlohmann::json runRender(const RenderRequest& request, const JobContext& context);

}  // namespace filmrecover::ui
