#pragma once
// The render stage, run one way by recover, `render --project` and the workstation's Render
// panel: render, then record the render (which model, frames, provenance, how it ended), the
// source frames it could not read, and an experiment-log entry in the project's catalog.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/infer/render_job.h"

namespace filmrecover::project {
class ProjectCatalog;
}

namespace filmrecover::workflow {

//! How a render ended.
struct RenderOutcome {
  int64_t renderId = 0;      //!< the catalog's render (0 without a project)
  RenderResult result;
  nlohmann::json provenance; //!< {"job": ..., "result": ...}: what the catalog keeps
  //! True when every frame that failed did so because its input was missing or defective
  //! (named in result.defects); false when a write or the model failed.
  bool onlyInputDefects() const { return result.failedFrames.size() == result.defects.size(); }
};

//! The training run of the catalog whose model is `modelPath` (or its best / checkpoint
//! file); 0 when none.
int64_t trainingRunOfModel(const project::ProjectCatalog& catalog, const std::string& modelPath);

//! Renders `job` and records it when `catalog` is given (it must belong to the calling
//! thread): a render row ("running", then done, or failed when a frame failed for another
//! reason than its input), the defective source frames under stage "render", and an
//! experiment-log entry. `runId` 0: looked up from the model file. Throws what
//! renderSequence throws (recorded as failed, or cancelled); failed frames do not throw.
RenderOutcome runRender(const RenderJob& job, project::ProjectCatalog* catalog, int64_t runId = 0,
                        const ProgressCallback& progress = {}, const CancelToken& cancel = {});

}  // namespace filmrecover::workflow
