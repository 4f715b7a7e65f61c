#pragma once
// LibTorch header: include only from the torch modules (model, train, infer, dataset, bench).
#include <torch/torch.h>

#include "core/dataset/recovery_mode.h"

namespace filmrecover {

//! The U-Net of shared/bench/torch_reference.py, layer for layer (base width W):
//! enc1 conv3x3(in,W)+ReLU, conv3x3(W,W)+ReLU; enc2 maxpool2, conv3x3(W,2W), conv3x3(2W,2W);
//! mid maxpool2, conv3x3(2W,4W), conv3x3(4W,4W); dec2 bilinear x2, concat enc2,
//! conv3x3(6W,2W), conv3x3(2W,2W); dec1 bilinear x2, concat enc1, conv3x3(3W,W),
//! conv3x3(W,W); head conv1x1(W,out). Input height and width must be multiples of 4.
class UNetImpl : public torch::nn::Module {
 public:
  UNetImpl(int inChannels, int outChannels, int width);
  //! N x in x H x W → N x out x H x W.
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::Sequential block(const std::string& name, int in, int out);
  //! A decoder block applied to the concatenation of `upsampled` and `skip`, without
  //! building the concatenation (see unet.cpp).
  static torch::Tensor decode(torch::nn::Sequential& block, const torch::Tensor& upsampled,
                              const torch::Tensor& skip);
  torch::nn::Sequential enc1_{nullptr}, enc2_{nullptr}, mid_{nullptr}, dec2_{nullptr}, dec1_{nullptr};
  torch::nn::Conv2d head_{nullptr};
};
TORCH_MODULE(UNet);

//! The network of one recovery mode: the U-Net predicting a residual that is added to the
//! matching input channels (chroma: Cb,Cr; spatial: Y; combined: Y,Cb,Cr), so an untrained
//! network starts near the identity and learns only the correction.
class RecoveryNetImpl : public torch::nn::Module {
 public:
  RecoveryNetImpl(RecoveryMode mode, int width, bool residual = true);
  //! N x inputChannelCount(mode) x H x W → N x outputChannelCount(mode) x H x W.
  torch::Tensor forward(const torch::Tensor& x);
  RecoveryMode mode() const { return mode_; }
  UNet unet{nullptr};

 private:
  RecoveryMode mode_;
  bool residual_;
  int residualFirst_ = 0, residualCount_ = 0;
};
TORCH_MODULE(RecoveryNet);

}  // namespace filmrecover
