#pragma once
// Shared state of one `recover` run, handed from stage to stage.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/io/frame_source.h"
#include "core/pipeline/recover_options.h"
#include "core/workflow/project_layout.h"
#include "core/project/project_catalog.h"

namespace filmrecover::pipeline {

//! The run's inputs, catalog, keys and listeners; each stage reads what earlier ones left.
struct RecoverContext {
  RecoverOptions options;
  workflow::ProjectLayout work;  //!< the work dir is a project folder
  project::ProjectCatalog* catalog = nullptr;
  std::shared_ptr<FrameSource> source, reference;
  CancelToken cancel;
  ProgressCallback progress;
  std::function<void(const std::string&)> note, warn;
  RecoverResult* result = nullptr;
  nlohmann::json keys = nlohmann::json::object();  //!< stage name -> key of this run
  nlohmann::json chosen = nlohmann::json::object(); //!< defaults chosen (reported)

  //! True when `stage` is recorded done with `key` (so its outputs can be reused).
  bool upToDate(const std::string& stage, const std::string& key) const;
  //! True when `stage` was started with `key` and did not finish (resume it).
  bool interrupted(const std::string& stage, const std::string& key) const;
  //! Records that `stage` started with `key`.
  void begin(const std::string& stage, const std::string& key);
  //! Records that `stage` finished with `key` and `result`.
  void finish(const std::string& stage, const std::string& key, const nlohmann::json& result);
  //! The result recorded for `stage` ({} when none).
  nlohmann::json stageResult(const std::string& stage) const;
  //! Records the frames of `role` ("source" / "reference") that `stage` could not use: in the
  //! result (recover then exits 2), the catalog and a warning each. A frame already recorded
  //! by an earlier stage is not repeated.
  void recordDefects(const std::string& role, const std::string& stage, const std::vector<FrameDefect>& defects);
  //! recordDefects without the catalog write, for a stage whose workflow function records
  //! them already (render, through workflow::runRender).
  void noteDefects(const std::string& role, const std::string& stage, const std::vector<FrameDefect>& defects);
  //! Source frames recorded as defective so far (stages after match leave them out).
  std::vector<int> defectiveSourceFrames() const;
  //! The source's frames less those: what render and grade work on.
  std::vector<int> usableSourceFrames() const;
  //! Progress event of `stage`.
  void report(const std::string& stage, long long done, long long total, const std::string& message) const;
};

//! Seconds from `t0` to now: each stage's StageOutcome::seconds.
inline double secondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

//! Each stage: runs (or reuses) its step and appends its StageOutcome to the result.
void runMatchStage(RecoverContext& ctx);
void runQualityStage(RecoverContext& ctx);
void runAlignStage(RecoverContext& ctx);
void runCurateStage(RecoverContext& ctx);
void runTrainStage(RecoverContext& ctx);
//! Per-shot hold-out error of the broad model, the scope decision, the narrower models
//! (stage_scope.cpp); the render stage renders each range with its model.
void runScopeStage(RecoverContext& ctx);
void runRenderStage(RecoverContext& ctx);
void runGradeStage(RecoverContext& ctx);
void runReportStage(RecoverContext& ctx);

}  // namespace filmrecover::pipeline
