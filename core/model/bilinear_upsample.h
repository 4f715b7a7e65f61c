#pragma once
// LibTorch header: include only from the torch modules (model, train, infer, dataset, bench).
#include <torch/torch.h>

namespace filmrecover {

//! Bilinear x2 upsampling of an N x C x H x W tensor (align_corners = false): exactly
//! torch.nn.functional.interpolate(x, scale_factor=2, mode="bilinear"), same forward and
//! same gradient. Only the backward is arranged differently: the gradient that reaches an
//! upsampling in the U-Net is a slice of the concatenation's gradient, in no memory format,
//! and LibTorch 1.13's CPU backward kernel is ~10x slower on such a tensor than on a
//! channels-last one (measured: 690 ms vs 69 ms per call, a third of a bf16 training step).
//! The gradient is therefore made contiguous in the input's own memory format first.
torch::Tensor bilinearUpsample2x(const torch::Tensor& x);

}  // namespace filmrecover
