#pragma once
// LibTorch header: include only from the torch modules (model, train, infer, dataset, bench).
#include <vector>

#include <torch/torch.h>

#include "core/dataset/recovery_mode.h"
#include "core/model/model_grade.h"

namespace filmrecover {

//! The U-Net of shared/bench/torch_reference.py, layer for layer (base width W), at 3 levels:
//! enc1 conv3x3(in,W)+ReLU, conv3x3(W,W)+ReLU; enc2 maxpool2, conv3x3(W,2W), conv3x3(2W,2W);
//! mid maxpool2, conv3x3(2W,4W), conv3x3(4W,4W); dec2 bilinear x2, concat enc2,
//! conv3x3(6W,2W), conv3x3(2W,2W); dec1 bilinear x2, concat enc1, conv3x3(3W,W),
//! conv3x3(W,W); head conv1x1(W,out). With L levels there are encoders enc1..enc(L-1) of
//! widths W..2^(L-2)W, mid at 2^(L-1)W and decoders dec(L-1)..dec1 alike (3 levels: exactly
//! the above, module names included). Input height and width must be multiples of
//! 2^(L-1) (sizeMultiple()).
class UNetImpl : public torch::nn::Module {
 public:
  UNetImpl(int inChannels, int outChannels, int width, int levels = 3);
  //! N x in x H x W → N x out x H x W.
  torch::Tensor forward(const torch::Tensor& x);
  int levels() const { return static_cast<int>(enc_.size()) + 1; }

 private:
  torch::nn::Sequential block(const std::string& name, int in, int out);
  //! A decoder block applied to the concatenation of `upsampled` and `skip`, without
  //! building the concatenation (see unet.cpp).
  static torch::Tensor decode(torch::nn::Sequential& block, const torch::Tensor& upsampled,
                              const torch::Tensor& skip);
  std::vector<torch::nn::Sequential> enc_, dec_;  //!< enc_[k] = enc(k+1), dec_[k] = dec(k+1)
  torch::nn::Sequential mid_{nullptr};
  torch::nn::Conv2d head_{nullptr};
};
TORCH_MODULE(UNet);

//! Levels a U-Net may have.
constexpr int kMinUNetLevels = 2, kMaxUNetLevels = 6;
//! The multiple of which a `levels`-level U-Net's input height and width must be: 2^(levels-1).
inline int sizeMultipleForLevels(int levels) { return 1 << (levels - 1); }

//! How a RecoveryNet is built beyond its mode and width.
struct NetworkShape {
  bool residual = true;  //!< output = matching input channels (or their graded colour) + U-Net
  int levels = 3;        //!< U-Net levels
  //! Grade, then refine (chroma, combined): the source's colour passes through a grade (the
  //! match-grade 3D LUT, setGrade) first; the U-Net sees the source's Y,Cb,Cr and the graded
  //! Cb,Cr, and its output is a correction added to the graded Cb,Cr (the source's Y stays
  //! the residual base of combined mode).
  bool graded = false;
  //! A graded network's correction is added to the graded Cb,Cr (true) or to the source's own
  //! (false: the graded colour is only an input the U-Net may use).
  bool gradedBase = true;
};

//! The network of one recovery mode: the U-Net predicting a residual that is added to the
//! matching input channels (chroma: Cb,Cr; spatial: Y; combined: Y,Cb,Cr), so an untrained
//! network starts near the identity and learns only the correction. A graded network
//! (NetworkShape::graded) starts at the grade instead and learns the correction on top of it.
class RecoveryNetImpl : public torch::nn::Module {
 public:
  RecoveryNetImpl(RecoveryMode mode, int width, bool residual = true);
  RecoveryNetImpl(RecoveryMode mode, int width, const NetworkShape& shape);
  //! N x inputChannelCount(mode) x H x W → N x outputChannelCount(mode) x H x W.
  torch::Tensor forward(const torch::Tensor& x);
  RecoveryMode mode() const { return mode_; }
  const NetworkShape& shape() const { return shape_; }
  //! Input height and width must be multiples of this (2^(levels-1)).
  int sizeMultiple() const { return sizeMultipleForLevels(shape_.levels); }
  //! Sets the grade of a graded network (InputError when it is not valid). It is not one of
  //! the module's parameters or buffers: it never trains, never goes to bf16, and is kept in
  //! the model file beside the weights (model_file.h).
  void setGrade(const ModelGrade& grade);
  //! The grade (empty for a network without one).
  const ModelGrade& grade() const { return grade_; }
  //! The graded Y,Cb,Cr of a N x 3 x H x W Y,Cb,Cr tensor (float32, no gradient): the source's
  //! R'G'B' through the LUT, as grade::applyLut computes it (within float rounding).
  torch::Tensor gradeYcc(const torch::Tensor& ycc);
  //! What the grade alone makes of input `x` in the output channels (chroma: the graded
  //! Cb,Cr; combined: the source's Y and the graded Cb,Cr): the baseline a graded network is
  //! measured against.
  torch::Tensor gradeOutput(const torch::Tensor& x);
  UNet unet{nullptr};

 private:
  RecoveryMode mode_;
  NetworkShape shape_;
  int residualFirst_ = 0, residualCount_ = 0;
  ModelGrade grade_;
  torch::Tensor lattice_;  //!< 1 x 3 x size(b) x size(g) x size(r), float32, on the last input's device
};
TORCH_MODULE(RecoveryNet);

}  // namespace filmrecover
