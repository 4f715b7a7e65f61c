#include "core/train/training_monitor.h"

#include <cmath>
#include <sstream>

namespace filmrecover {

TrainingMonitor::TrainingMonitor(int overfitPatience, int plateauPatience)
    : overfitPatience_(overfitPatience), plateauPatience_(plateauPatience) {}

std::optional<std::string> TrainingMonitor::addTrainLoss(long long step, double loss) {
  if (!std::isfinite(loss)) {
    std::ostringstream s;
    s << "training loss became " << loss << " at step " << step;
    return s.str();
  }
  // Spikes are normal; a loss far above the smoothed curve after it has settled is not.
  if (trainCount_ > 20 && ema_ > 0 && loss > 1000 * ema_ && loss > 1.0) {
    std::ostringstream s;
    s << "training loss exploded at step " << step << " (" << loss << " against a running "
      << ema_ << ")";
    return s.str();
  }
  ema_ = ema_ < 0 ? loss : 0.95 * ema_ + 0.05 * loss;
  ++trainCount_;
  return std::nullopt;
}

bool TrainingMonitor::addHoldoutLoss(long long step, double loss) {
  const bool trainFalling = emaAtLastValidation_ < 0 || ema_ < emaAtLastValidation_;
  const bool best = bestHoldout_ < 0 || loss < bestHoldout_;
  const bool improvedEnough = bestHoldout_ < 0 || loss < bestHoldout_ * 0.99;
  if (lastHoldout_ >= 0 && loss > lastHoldout_ && trainFalling) {
    if (risingCount_++ == 0) overfitSince_ = lastStep_;
  } else if (best) {
    risingCount_ = 0;
  }
  if (risingCount_ >= overfitPatience_ && loss > bestHoldout_ * 1.02 && !overfitReported_)
    overfitPending_ = true;
  sinceImprovement_ = improvedEnough ? 0 : sinceImprovement_ + 1;
  if (sinceImprovement_ >= plateauPatience_ && !plateauReported_) plateauPending_ = true;
  if (best) {
    bestHoldout_ = loss;
    bestStep_ = step;
  }
  lastHoldout_ = loss;
  lastStep_ = step;
  emaAtLastValidation_ = ema_;
  return best;
}

std::optional<std::string> TrainingMonitor::overfittingNote() {
  if (!overfitPending_) return std::nullopt;
  overfitPending_ = false;
  overfitReported_ = true;
  std::ostringstream s;
  s << "over-fitting: hold-out loss has risen since step " << overfitSince_
    << " while training loss falls; the best model (hold-out loss " << bestHoldout_ << " at step "
    << bestStep_ << ") is kept; add training pairs or stop earlier";
  return s.str();
}

std::optional<std::string> TrainingMonitor::plateauNote() {
  if (!plateauPending_) return std::nullopt;
  plateauPending_ = false;
  plateauReported_ = true;
  std::ostringstream s;
  s << "plateau: hold-out loss has not improved by 1% for " << plateauPatience_
    << " validations (best " << bestHoldout_ << " at step " << bestStep_
    << "); more steps will not help much";
  return s.str();
}

nlohmann::json TrainingMonitor::saveState() const {
  return {{"ema", ema_}, {"emaAtLastValidation", emaAtLastValidation_}, {"trainCount", trainCount_},
          {"bestHoldout", bestHoldout_}, {"lastHoldout", lastHoldout_}, {"bestStep", bestStep_},
          {"lastStep", lastStep_}, {"risingCount", risingCount_},
          {"sinceImprovement", sinceImprovement_}, {"overfitSince", overfitSince_},
          {"overfitReported", overfitReported_}, {"plateauReported", plateauReported_}};
}

void TrainingMonitor::loadState(const nlohmann::json& j) {
  ema_ = j.value("ema", -1.0);
  emaAtLastValidation_ = j.value("emaAtLastValidation", -1.0);
  trainCount_ = j.value("trainCount", 0ll);
  bestHoldout_ = j.value("bestHoldout", -1.0);
  lastHoldout_ = j.value("lastHoldout", -1.0);
  bestStep_ = j.value("bestStep", -1ll);
  lastStep_ = j.value("lastStep", 0ll);
  risingCount_ = j.value("risingCount", 0);
  sinceImprovement_ = j.value("sinceImprovement", 0);
  overfitSince_ = j.value("overfitSince", -1ll);
  overfitReported_ = j.value("overfitReported", false);
  plateauReported_ = j.value("plateauReported", false);
}

}  // namespace filmrecover
