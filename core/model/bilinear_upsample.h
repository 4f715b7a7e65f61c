#pragma once
// LibTorch header: include only from the torch modules (model, train, infer, dataset, bench).
#include <torch/torch.h>

namespace filmrecover {

//! Bilinear x2 upsampling of an N x C x H x W tensor (align_corners = false): exactly
//! torch.nn.functional.interpolate(x, scale_factor=2, mode="bilinear"), same forward and
//! same gradient. Only the backward is arranged differently: it makes the incoming gradient
//! dense in the input's own memory format first, because LibTorch 1.13's CPU backward
//! kernel is ~10x slower on a strided gradient (measured: 690 ms vs 69 ms per call on the
//! slice a concatenation's gradient gives, a third of a bf16 training step of the peer).
//! Since the U-Net's decoder no longer concatenates (unet.cpp) its gradient arrives dense
//! and this is a no-op there; it stays so that no caller lands on the slow kernel.
torch::Tensor bilinearUpsample2x(const torch::Tensor& x);

}  // namespace filmrecover
