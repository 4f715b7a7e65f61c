#pragma once
// One render as a WorkerJob body: the workflow layer's render (core/workflow runRender, the
// same call `render --project` and recover make), with the job's progress and cancellation.
#include <cstdint>
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
  bool stabilise = true;    //!< chroma, combined: colour filtered along the source's motion, never
                            //!< across the project's cuts (from its mapping), as recover renders
  bool chromaGuide = true;  //!< chroma, combined: colour through the luma-guided filter, as recover renders
  int threads = 0;          //!< 0 = every core but one
  std::string operatorName; //!< recorded in the provenance
  std::string projectDir;   //!< the render is recorded in this project's catalog ("" = not)
  int64_t runId = 0;        //!< the training run whose model renders (0 = looked up from the model)
};

//! Renders on the calling (worker) thread and records the render in the project; progress
//! per frame ("render", done, total); returns the provenance recorded. Throws like the
//! engine does, and RunError naming every frame that was not rendered.
nlohmann::json runRender(const RenderRequest& request, const JobContext& context);

}  // namespace filmrecover::ui
