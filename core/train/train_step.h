#pragma once
// LibTorch header: one optimiser step, shared by the trainer and the benchmark so that the
// benchmark times exactly what training does.
#include <functional>
#include <vector>

#include <torch/torch.h>

#include "core/dataset/crop_batch.h"
#include "core/model/unet.h"
#include "core/train/loss_scaler.h"
#include "core/train/train_settings.h"

namespace filmrecover {

//! The network, its optimiser and how they compute.
struct StepEngine {
  RecoveryNet net{nullptr};
  std::unique_ptr<torch::optim::Adam> optimizer;
  torch::Device device{torch::kCPU};
  //! What the forward computes in (autocast): float32, bfloat16 or float16; the weights and
  //! Adam's moments stay float32 (master weights) in every case.
  torch::ScalarType compute = torch::kFloat32;
  torch::MemoryFormat format = torch::MemoryFormat::Contiguous;
  LossScaler scaler{false};  //!< scales the loss under float16 only
  LossKind loss = LossKind::L1;
  double auxWeight = 0.2;
  double lossBlur = 0.0;  //!< TrainSettings::lossBlur
  //! Called after backward and before the optimiser step with every parameter's gradient and
  //! the loss (a one-element float32 tensor), both on the device: distributed training
  //! averages them across processes here, in place. Empty: one process.
  std::function<void(std::vector<torch::Tensor>& gradients, torch::Tensor& loss)> reduce;

  //! Moves `net` to the device/format and creates Adam (betas 0.9/0.999) at `lr`.
  StepEngine(RecoveryNet network, const torch::Device& dev, torch::ScalarType computeType,
             LossKind lossKind, double auxLossWeight, double lr);
  //! A CPU batch as device tensors {input, target} in the engine's memory format.
  std::pair<torch::Tensor, torch::Tensor> upload(const CropBatch& batch) const;
  //! Sets the learning rate of every parameter group.
  void setLearningRate(double lr);
  //! Forward, loss, backward, Adam step; returns the loss. Under float16 a step whose
  //! gradients overflow is skipped (the loss scale halves), as PyTorch's GradScaler does.
  double step(const torch::Tensor& input, const torch::Tensor& target);
  //! Network output for `input` without gradients (float32, contiguous).
  torch::Tensor predict(const torch::Tensor& input);
};

//! The training loss of `output` against `target` (both float32): L1, after a Gaussian blur
//! of sigma `lossBlur` when that is > 0, plus the SSIM / frequency term on the unblurred pair.
torch::Tensor trainingLoss(const torch::Tensor& output, const torch::Tensor& target, LossKind kind,
                           double auxWeight, double lossBlur = 0.0);

//! Learning rate at `step` (1-based): linear warm-up from lr/100, then cosine to lr*minFactor.
double learningRateAt(long long step, const TrainSettings& s);

}  // namespace filmrecover
