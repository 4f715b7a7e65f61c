#pragma once
// The training stage, run one way by recover, `train --project` and the workstation's
// Training panel: load the pairs, train, and record the run in the project's catalog (its
// settings, metric curves, outcome in one JSON form, and an experiment-log entry).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/dataset/pair_loader.h"
#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/train/train_control.h"
#include "core/train/train_events.h"
#include "core/train/train_settings.h"

namespace filmrecover {
struct TrainResult;
}
namespace filmrecover::project {
class ProjectCatalog;
}

namespace filmrecover::workflow {

//! What to train.
struct TrainingRequest {
  TrainSettings settings;
  PairSources sources;
  std::vector<int> trainFrames, holdoutFrames;
  Rect validArea;             //!< shared crop (empty = whole frame)
  std::string modelPath;
  std::string initialWeights; //!< fine-tune from this model ("" = from scratch)
  bool resume = false;        //!< continue from the model's checkpoint
  std::string alignment;      //!< how the targets were aligned, for the experiment log
  int loadThreads = 0;        //!< threads reading the pairs (0 = the training threads)
};

//! Who listens (all optional). Callbacks run on the training thread.
struct TrainingListeners {
  ProgressCallback progress;
  CancelToken cancel;
  std::shared_ptr<TrainControl> control;  //!< pause / stop; its token is set to `cancel`
  std::function<void(const std::string&)> note;
  MetricCallback metric;
  PreviewCallback preview;
  std::function<void(int64_t runId)> runStarted;  //!< the catalog row exists (0 without a project)
};

//! How a training run ended.
struct TrainingOutcome {
  int64_t runId = 0;          //!< the catalog's training run (0 without a project)
  nlohmann::json summary;     //!< trainingSummaryJson of the result
  std::string modelPath;
  bool resumed = false;
  long long steps = 0, startStep = 0;
  double holdoutPsnr = -1, identityPsnr = -1;
};

//! The one JSON form of a training result: the catalog's run metrics, `train --json` and the
//! workstation all show this.
nlohmann::json trainingSummaryJson(const TrainResult& result, const TrainSettings& settings);

//! Loads the pairs, trains and records (when `catalog` is given; it must belong to the
//! calling thread): a run row ("running", then done / cancelled / failed), its metric
//! samples in batches as they come, and an experiment-log entry when it succeeds. Throws
//! what trainModel throws, after recording the run's end.
TrainingOutcome runTraining(const TrainingRequest& request, project::ProjectCatalog* catalog,
                            const TrainingListeners& listeners = {});

}  // namespace filmrecover::workflow
