#pragma once
#include <string>

#include "core/image/image.h"

namespace filmrecover::pipeline {

//! What the defaults are sized on: the material and the machine.
struct MaterialFacts {
  int width = 0, height = 0;    //!< source frame size
  int referenceWidth = 0;       //!< reference frame width (0 = unknown)
  bool chroma = false;          //!< chroma mode: colour alone is what the reference teaches
  Rect crop;                    //!< shared valid area (empty = whole frame)
  int trainPairs = 0;           //!< curated training pairs
  int sourceFrames = 0;
  bool cuda = false;            //!< a GPU will train
  int cores = 1;
};

//! Training settings chosen for `MaterialFacts`, with the reason in words.
struct TrainingDefaults {
  std::string preset = "M";     //!< S | M | L
  long long steps = 0;
  int batch = 4;
  int crop = 128;               //!< square training crop, multiple of 16, inside the valid area
  double lr = 2e-3;
  double lossBlur = 0;          //!< TrainSettings::lossBlur
  long long validateEvery = 50;
  long long checkpointEvery = 100;
  double expectedSeconds = 0;   //!< rough training time estimate
  std::string reason;           //!< one line saying why
};

//! Sizes training to the material and the machine: the crop fits the shared valid area
//! (at most 256, or 512 on a GPU with large frames); the preset is M;
//! steps fill a time budget (CPU: about 1-4 minutes depending on the material's size, GPU:
//! the workflow's scale) from a cost model of crop^2 x batch x preset width^2, so a demo
//! trains in minutes on 2 cores and a 2K reel gets a real run on a GPU.
TrainingDefaults chooseTrainingDefaults(const MaterialFacts& facts);

//! Curation counts for a film of `frames` paired frames: the workflow's shot / scene /
//! sequence counts (4-9, 12-24, 24-64) scaled to the length, and a hold-out of about a
//! quarter (at least 1).
void chooseCurationCounts(int pairedFrames, int& train, int& holdout);

}  // namespace filmrecover::pipeline
