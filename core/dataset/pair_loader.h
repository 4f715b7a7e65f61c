#pragma once
#include <string>
#include <vector>

#include "core/dataset/pair_settings.h"
#include "core/dataset/training_pair.h"
#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"

namespace filmrecover {

//! Where training pairs come from: the source and its aligned target(s), numbered alike.
struct PairSources {
  std::string source;  //!< SOURCE spec (pattern, movie or folder)
  std::string target;  //!< aligned reference spec (chroma reference in combined mode)
  std::string detail;  //!< combined mode: aligned detail reference spec ("" = use `target`)
};

//! Decodes each listed frame of the sources once (in parallel on `threads` workers), builds
//! its pair (training_pair.h) and keeps it in memory, cropped to the valid area, so training
//! samples crops without touching the disk again. Throws InputError naming the spec and frame
//! when a source cannot be opened or a frame is missing on either side.
std::vector<TrainingPair> loadTrainingPairs(const PairSources& sources, const std::vector<int>& frames,
                                            const PairSettings& settings, int threads = 0,
                                            const ProgressCallback& progress = {},
                                            const CancelToken& cancel = {});

}  // namespace filmrecover
