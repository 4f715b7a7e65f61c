#pragma once
// LibTorch header: training crops drawn where the network runs.
#include <utility>
#include <vector>

#include <torch/torch.h>

#include "core/dataset/crop_sampler.h"

namespace filmrecover {

//! The crops of a CropSampler, rendered on `device` from the training pairs kept there: the
//! frames go to the device once, and a step sends only its crops' coordinates (a few KB), not
//! pixels. The sampler draws every random choice, so the crops equal CropSampler::next() for
//! the same seed (within float rounding; tested) and checkpoints keep the sampler's state.
//! On the CPU the frames are used in place (no copy).
class DeviceCrops {
 public:
  //! `sampler` (and its pairs) must outlive this object.
  DeviceCrops(CropSampler& sampler, const torch::Device& device,
              torch::MemoryFormat format = torch::MemoryFormat::Contiguous);
  //! {input, target}: batch x C x crop x crop float32 tensors on the device in `format`.
  std::pair<torch::Tensor, torch::Tensor> next(int batch);

 private:
  CropSampler& sampler_;
  torch::Device device_;
  torch::MemoryFormat format_;
  std::vector<torch::Tensor> inputs_, targets_;  //!< C x H x W views of each pair
};

}  // namespace filmrecover
