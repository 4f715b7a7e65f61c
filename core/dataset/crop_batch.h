#pragma once
#include <vector>

namespace filmrecover {

//! A batch of crops in planar NCHW float layout, ready to become a tensor.
struct CropBatch {
  int count = 0;          //!< N
  int inputChannels = 0;  //!< C of `input`
  int targetChannels = 0; //!< C of `target`
  int height = 0, width = 0;
  std::vector<float> input;   //!< N x inputChannels x height x width
  std::vector<float> target;  //!< N x targetChannels x height x width
};

}  // namespace filmrecover
