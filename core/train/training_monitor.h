#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace filmrecover {

//! Watches the loss curves of a run and says when something is wrong: non-finite or
//! exploding training loss, over-fitting (hold-out loss rising while training loss falls),
//! or a plateau (hold-out, else training, loss no longer improving). Plain arithmetic, no
//! LibTorch, so its judgement is unit-tested on made-up curves.
class TrainingMonitor {
 public:
  TrainingMonitor(int overfitPatience = 3, int plateauPatience = 8);

  //! Feeds one training loss; returns a reason when the run must stop (NaN, explosion).
  std::optional<std::string> addTrainLoss(long long step, double loss);
  //! Feeds one hold-out evaluation; returns true when it is the best so far.
  bool addHoldoutLoss(long long step, double loss);

  //! A one-time note when over-fitting has just been detected (else nullopt).
  std::optional<std::string> overfittingNote();
  //! A one-time note when a plateau has just been detected (else nullopt).
  std::optional<std::string> plateauNote();

  bool overfitting() const { return overfitReported_; }
  bool plateau() const { return plateauReported_; }
  double bestHoldoutLoss() const { return bestHoldout_; }
  long long bestHoldoutStep() const { return bestStep_; }
  //! Smoothed training loss (exponential moving average).
  double smoothedTrainLoss() const { return ema_; }

  //! State for checkpoints, so a resumed run judges as an unbroken one would.
  nlohmann::json saveState() const;
  //! Restores saveState().
  void loadState(const nlohmann::json& state);

 private:
  int overfitPatience_, plateauPatience_;
  double ema_ = -1, emaAtLastValidation_ = -1;
  long long trainCount_ = 0;
  double bestHoldout_ = -1, lastHoldout_ = -1;
  long long bestStep_ = -1, lastStep_ = 0;
  int risingCount_ = 0, sinceImprovement_ = 0;
  long long overfitSince_ = -1;
  bool overfitPending_ = false, overfitReported_ = false;
  bool plateauPending_ = false, plateauReported_ = false;
};

}  // namespace filmrecover
