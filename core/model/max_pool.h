#pragma once
// LibTorch header: include only from the torch modules (model, train, infer, dataset, bench).
#include <torch/torch.h>

namespace filmrecover {

//! 2x2 max pooling with stride 2 (odd trailing rows and columns dropped), the U-Net's
//! F::max_pool2d(x, 2). With autograd recording it is exactly that call; without (inference,
//! hold-out evaluation) it is the element-wise maximum of the four 2x2 phases, the same
//! values: LibTorch 1.13's CPU max_pool2d always writes int64 argmax indices, four times the
//! bytes of a bf16 output, which made pooling ~6% of a 1080p inference.
torch::Tensor maxPool2x(const torch::Tensor& x);

}  // namespace filmrecover
