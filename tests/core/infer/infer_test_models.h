#pragma once
// Small models with random (not identity) weights, written to a temp folder for tests.
#include <string>

#include "core/model/model_file.h"

namespace filmrecover::test {

//! Saves a size-S model of `mode` whose every weight (head included) is random, so its
//! output depends on a wide neighbourhood: the hard case for tiling.
inline std::string saveRandomModel(const std::string& path, RecoveryMode mode, unsigned seed = 3) {
  torch::manual_seed(seed);
  RecoveryNet net(mode, 16);
  {
    torch::NoGradGuard g;
    for (auto& p : net->named_parameters())
      if (p.key().find("head") != std::string::npos) p.value().normal_(0.0, 0.05);
  }
  ModelInfo info = ModelInfo::forNetwork(mode, ModelPreset::S);
  info.trainingFrames = {1, 2, 3};
  info.holdoutFrames = {5};
  info.source = "train-src.####.exr";
  saveModelFile(path, info, net);
  return path;
}

}  // namespace filmrecover::test
