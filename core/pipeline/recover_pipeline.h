#pragma once
#include <functional>
#include <string>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/pipeline/recover_options.h"

namespace filmrecover::pipeline {

//! Listeners of a recover run (all optional).
struct RecoverListeners {
  ProgressCallback progress;                          //!< per stage: "match", "align", "train", ...
  std::function<void(const std::string&)> note;       //!< chosen defaults, reused stages
  std::function<void(const std::string&)> warn;       //!< direction of transfer, flagged pairs
};

//! The whole recovery: match -> inventory -> align -> curate -> train -> render -> grade
//! baseline -> report. Every stage's result lands in the work dir and the project catalog
//! (WORKDIR/project.sqlite), keyed on the hash of its inputs and settings: a second run
//! reuses what is up to date, redoes what changed, and resumes a stage that was interrupted
//! (training from its checkpoint, rendering and grading from the frames already written).
//! The model is applied to every source frame, also where the reference has none.
//! Throws InputError for bad inputs or options, RunError for failures mid-run,
//! CancelledError on cancel (what finished stays recorded).
RecoverResult runRecover(const RecoverOptions& options, const CancelToken& cancel = {},
                         const RecoverListeners& listeners = {});

//! The work dir used when none is given: OUTPUT's folder / "recover-work".
std::string defaultWorkDir(const std::string& outputPattern);

}  // namespace filmrecover::pipeline
