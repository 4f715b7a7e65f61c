#pragma once
// LibTorch header (included by the trainer only): the processes of one distributed training
// run and the three collectives it needs. The c10d calls (and what differs between LibTorch
// 1.13 and 2.x) live in process_group.cpp alone.
#include <memory>
#include <vector>

#include <torch/torch.h>

#include "core/train/distributed_settings.h"

namespace filmrecover {

//! A c10d process group: Gloo, or NCCL for CUDA tensors where the LibTorch has it. Every
//! failure (an unreachable master, a rank that died, a collective that timed out) is a
//! RunError naming this rank and what it waited for; nothing waits longer than the timeout.
class TrainingProcessGroup {
 public:
  //! Meets the other ranks at settings' master (rank 0 listens there). `device` picks the
  //! backend. Rank 0 first publishes `jobForJoiners` (the run's description, for ranks that
  //! start knowing only where rank 0 is: fetchPublishedTrainJob). Throws RunError when the
  //! others do not arrive within the timeout.
  TrainingProcessGroup(const DistributedSettings& settings, const torch::Device& device,
                       const std::string& jobForJoiners = {});
  ~TrainingProcessGroup();
  TrainingProcessGroup(const TrainingProcessGroup&) = delete;
  TrainingProcessGroup& operator=(const TrainingProcessGroup&) = delete;

  const DistributedSettings& settings() const { return settings_; }
  //! The name of the backend in use ("gloo" or "nccl").
  const char* backend() const;
  //! Sums `tensor` (dense, contiguous) across ranks in place; `what` names it in errors.
  void allReduceSum(torch::Tensor& tensor, const std::string& what);
  //! Rank 0's values of `tensors` on every rank, in place.
  void broadcastFromRankZero(std::vector<torch::Tensor>& tensors, const std::string& what);

 private:
  struct Impl;
  DistributedSettings settings_;
  std::unique_ptr<Impl> impl_;
};

//! The text rank 0 published when its process group met (TrainingProcessGroup's jobForJoiners):
//! waits up to settings.timeoutSeconds for rank 0 to listen and publish. Throws RunError
//! naming --master when it does not.
std::string fetchPublishedTrainJobText(const DistributedSettings& settings);

}  // namespace filmrecover
