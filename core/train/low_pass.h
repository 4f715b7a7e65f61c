#pragma once
// LibTorch header: include only from the torch modules (model, train, infer, dataset, bench).
#include <torch/torch.h>

namespace filmrecover {

//! Separable Gaussian blur of every channel of an N x C x H x W float tensor (edges
//! repeated), kernel radius ceil(3 sigma). Differentiable. sigma <= 0 returns `x`.
torch::Tensor gaussianLowPass(const torch::Tensor& x, double sigma);

}  // namespace filmrecover
