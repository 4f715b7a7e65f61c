#pragma once
// LibTorch header: training crops drawn where the network runs.
#include <utility>
#include <vector>

#include <torch/torch.h>

#include "core/dataset/crop_sampler.h"

namespace filmrecover {

//! How DeviceCrops renders: with tensor gathers on the device, or with CropSampler's own loops
//! on the host (then one tensor per batch in the device's memory format).
enum class CropRendering { Auto, Tensor, Host };

//! The crops of a CropSampler, rendered on `device` from the training pairs kept there: the
//! frames go to the device once, and a step sends only its crops' coordinates (a few KB), not
//! pixels. The sampler draws every random choice, so the crops equal CropSampler::next() for
//! the same seed (within float rounding; tested) and checkpoints keep the sampler's state.
//! Auto renders with tensors on a GPU and with the host loops on the CPU: there the dozen small
//! gathers and blends a crop takes measured 3-8x slower than the loops (136-470 ms against
//! 42-60 ms a batch of 4 crops of 256 on 2 cores), and the CPU trainer must not get slower.
class DeviceCrops {
 public:
  //! `sampler` (and its pairs) must outlive this object.
  DeviceCrops(CropSampler& sampler, const torch::Device& device,
              torch::MemoryFormat format = torch::MemoryFormat::Contiguous,
              CropRendering rendering = CropRendering::Auto);
  //! {input, target}: batch x C x crop x crop float32 tensors on the device in `format`.
  std::pair<torch::Tensor, torch::Tensor> next(int batch);
  //! This process's share of the batch (CropSampler::next(batch, shareIndex, shareCount)).
  std::pair<torch::Tensor, torch::Tensor> next(int batch, int shareIndex, int shareCount);

 private:
  CropSampler& sampler_;
  torch::Device device_;
  torch::MemoryFormat format_;
  bool tensor_;                                  //!< render with tensors (else host loops)
  std::vector<torch::Tensor> inputs_, targets_;  //!< C x H x W views of each pair
};

}  // namespace filmrecover
