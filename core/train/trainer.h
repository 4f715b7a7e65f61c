#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/dataset/pair_loader.h"
#include "core/dataset/training_pair.h"
#include "core/exec/progress.h"
#include "core/model/model_grade.h"
#include "core/train/train_control.h"
#include "core/train/train_events.h"
#include "core/train/train_settings.h"

namespace filmrecover {

//! Files a training run writes beside the model file MODEL (e.g. "film.frm"):
//! film.ckpt.frm (latest checkpoint with optimiser and sampler state, for --resume),
//! film.best.frm (best by hold-out loss), film.metrics.jsonl, film.previews/step-NNNNNN.png.
struct TrainingOutputs {
  std::string model, checkpoint, best, metrics, previews;
  //! The paths for model file `modelPath`.
  static TrainingOutputs forModel(const std::string& modelPath);
};

//! Writes a preview strip (previewStrip() of a PreviewEvent) to `path`, a PNG beside the model.
//! File formats live above the engine: writePreviewPng (preview_file.h) in the full build.
using PreviewFileWriter = std::function<void(const std::string& path, const Image& strip)>;

//! One training run: settings, pairs already in memory (see loadTrainingPairs), where the
//! model goes, and who listens.
struct TrainJob {
  TrainSettings settings;
  std::vector<TrainingPair> trainPairs;   //!< cropped to the valid area
  std::vector<TrainingPair> holdoutPairs; //!< evaluated every validateEvery steps
  PairSources sources;                    //!< recorded in the model's provenance
  Rect validArea;                         //!< recorded in the model's provenance
  //! Grade, then refine: the grade the network starts from (gradesFirst(settings); fitted on
  //! the training pairs by workflow::runTraining) and how it was fitted (ModelInfo::grade's
  //! "fit"). Empty: the network learns from the source's own colour. A resumed run takes the
  //! checkpoint's grade, a fine-tuned one keeps the initial model's shape.
  ModelGrade grade;
  nlohmann::json gradeFit = nlohmann::json::object();
  std::string modelPath;                  //!< the model file to write
  bool resume = false;                    //!< continue from modelPath's checkpoint
  PreviewFileWriter previewFiles;         //!< writes the strips in the previews folder (empty: none)
  MetricCallback onMetric;
  PreviewCallback onPreview;
  NoteCallback onNote;
  ProgressCallback progress;
  std::shared_ptr<TrainControl> control;  //!< pause / stop / cancel (optional)
};

//! What a run achieved.
struct TrainResult {
  long long steps = 0;            //!< steps trained in total (including before a resume)
  long long startStep = 0;        //!< step the run started from (0, or the checkpoint's)
  bool stopped = false;           //!< ended early by requestStop()
  double trainLoss = -1;          //!< smoothed training loss at the end
  double holdoutLoss = -1, holdoutPsnr = -1;   //!< at the end (-1 without hold-out pairs)
  double identityPsnr = -1;       //!< hold-out PSNR of passing the input through
  double gradePsnr = -1;          //!< hold-out PSNR of the grade alone (-1 without one)
  double untrainedPsnr = -1;      //!< hold-out PSNR before the first step
  long long bestStep = -1;        //!< step of the best hold-out loss
  double bestHoldoutLoss = -1;
  bool overfitting = false, plateau = false;
  std::vector<std::string> notes; //!< over-fitting, plateau, resume notes
  std::vector<double> lossCurve;  //!< training loss of each step run in this call
  double stepsPerSecond = 0;
  TrainingOutputs outputs;        //!< written by rank 0 only in a distributed run
  int rank = 0, worldSize = 1;    //!< this process's place (TrainSettings::distributed)
};

//! Trains a model. With settings.distributed.worldSize > 1 this process is one of several
//! training it together: each rank renders its share of every batch (settings.batch is the
//! combined batch: rank r takes crops r, r+W, ...), gradients and the loss are averaged across
//! ranks every step, rank 0's weights are broadcast at the start and after a resume, and rank 0
//! alone writes the model, checkpoints, previews and metrics. Every rank is given the same
//! settings and pairs and, on resume, reads rank 0's checkpoint (the folder must be shared).
//! A rank that fails or stops answering ends the others with a RunError within the timeout.
//! Throws InputError for bad settings or data, RunError when the loss
//! diverges (NaN / explosion; the last good checkpoint is kept and named), CancelledError on
//! cancel (the last checkpoint is kept). requestStop() ends with a checkpoint and the model.
TrainResult trainModel(const TrainJob& job);

}  // namespace filmrecover
