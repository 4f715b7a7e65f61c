#pragma once
// A distributed run described by rank 0 for ranks that start knowing only where rank 0 is
// (recover on ranks > 0: rank 0 alone runs the pipeline and chooses the training).
#include <string>
#include <vector>

#include "core/dataset/pair_loader.h"
#include "core/train/train_settings.h"

namespace filmrecover {

struct TrainJob;

//! What a rank needs to join rank 0's run: the settings (less `distributed` and `threads`,
//! which are each rank's own), the pairs' sources and frames, and the model to train.
struct PublishedTrainJob {
  TrainSettings settings;
  PairSources sources;
  std::vector<int> trainFrames, holdoutFrames;
  Rect validArea;
  std::string modelPath;
  bool resume = false;
  //! Whether rank 0's job has a grade first: what it does, not what its settings asked for (a
  //! joining rank fits a grade only then, and takes rank 0's).
  bool graded = false;
};

//! `job` as published (JSON text).
std::string describeTrainJob(const TrainJob& job);
//! Reads what describeTrainJob wrote; throws RunError when it is not that.
PublishedTrainJob parsePublishedTrainJob(const std::string& text);

//! Waits (up to settings.timeoutSeconds) for rank 0 at settings' master to publish its run
//! and returns it. Throws RunError naming --master when nothing comes.
PublishedTrainJob fetchPublishedTrainJob(const DistributedSettings& settings);

}  // namespace filmrecover
