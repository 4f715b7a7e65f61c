#include "core/train/train_settings.h"

#include "core/exec/errors.h"

namespace filmrecover {

std::string toString(LossKind loss) {
  switch (loss) {
    case LossKind::L1: return "l1";
    case LossKind::L1Ssim: return "l1+ssim";
    case LossKind::L1Frequency: return "l1+frequency";
  }
  return "l1";
}

LossKind parseLossKind(const std::string& text, const std::string& what) {
  if (text == "l1") return LossKind::L1;
  if (text == "l1+ssim" || text == "ssim") return LossKind::L1Ssim;
  if (text == "l1+frequency" || text == "frequency") return LossKind::L1Frequency;
  throw InputError(what + " must be l1, l1+ssim or l1+frequency, not '" + text + "'.");
}

bool TrainSettings::operator==(const TrainSettings& o) const {
  return nlohmann::json(*this) == nlohmann::json(o);
}

void to_json(nlohmann::json& j, const TrainSettings& s) {
  j = {{"mode", s.mode}, {"preset", s.preset}, {"steps", s.steps}, {"batch", s.batch},
       {"crop", s.crop}, {"lr", s.lr}, {"warmupSteps", s.warmupSteps}, {"schedule", s.schedule},
       {"minLrFactor", s.minLrFactor}, {"augmentation", s.augmentation},
       {"loss", toString(s.loss)}, {"auxLossWeight", s.auxLossWeight}, {"lossBlur", s.lossBlur},
       {"validateEvery", s.validateEvery}, {"previewEvery", s.previewEvery},
       {"checkpointEvery", s.checkpointEvery}, {"seed", s.seed},
       {"device", toString(s.device)}, {"precision", toString(s.precision)},
       {"threads", s.threads}, {"initialWeights", s.initialWeights},
       {"medianPrefilter", s.medianPrefilter}, {"clampHighlights", s.clampHighlights},
       {"holdoutCrop", s.holdoutCrop}, {"holdoutTilesPerFrame", s.holdoutTilesPerFrame},
       {"plateauPatience", s.plateauPatience}, {"overfitPatience", s.overfitPatience},
       {"gradeFirst", s.gradeFirst}, {"gradeBase", s.gradeBase}, {"levels", s.levels}};
}

void from_json(const nlohmann::json& j, TrainSettings& s) {
  const TrainSettings d;
  s.mode = j.contains("mode") ? j.at("mode").get<RecoveryMode>() : d.mode;
  s.preset = j.contains("preset") ? j.at("preset").get<ModelPreset>() : d.preset;
  s.steps = j.value("steps", d.steps);
  s.batch = j.value("batch", d.batch);
  s.crop = j.value("crop", d.crop);
  s.lr = j.value("lr", d.lr);
  s.warmupSteps = j.value("warmupSteps", d.warmupSteps);
  s.schedule = j.value("schedule", d.schedule);
  s.minLrFactor = j.value("minLrFactor", d.minLrFactor);
  s.augmentation = j.contains("augmentation") ? j.at("augmentation").get<AugmentationSettings>() : d.augmentation;
  s.loss = parseLossKind(j.value("loss", toString(d.loss)));
  s.auxLossWeight = j.value("auxLossWeight", d.auxLossWeight);
  s.lossBlur = j.value("lossBlur", d.lossBlur);
  s.validateEvery = j.value("validateEvery", d.validateEvery);
  s.previewEvery = j.value("previewEvery", d.previewEvery);
  s.checkpointEvery = j.value("checkpointEvery", d.checkpointEvery);
  s.seed = j.value("seed", d.seed);
  s.device = parseDeviceChoice(j.value("device", toString(d.device)));
  s.precision = parsePrecision(j.value("precision", toString(d.precision)));
  s.threads = j.value("threads", d.threads);
  s.initialWeights = j.value("initialWeights", d.initialWeights);
  s.medianPrefilter = j.value("medianPrefilter", d.medianPrefilter);
  s.clampHighlights = j.value("clampHighlights", d.clampHighlights);
  s.holdoutCrop = j.value("holdoutCrop", d.holdoutCrop);
  s.holdoutTilesPerFrame = j.value("holdoutTilesPerFrame", d.holdoutTilesPerFrame);
  s.plateauPatience = j.value("plateauPatience", d.plateauPatience);
  s.overfitPatience = j.value("overfitPatience", d.overfitPatience);
  s.gradeFirst = j.value("gradeFirst", d.gradeFirst);
  s.gradeBase = j.value("gradeBase", d.gradeBase);
  s.levels = j.value("levels", d.levels);
}

bool gradesFirst(const TrainSettings& s) { return s.gradeFirst && s.mode != RecoveryMode::Spatial; }

void validateTrainSettings(const TrainSettings& s) {
  if (s.steps < 1) throw InputError("--steps must be at least 1.");
  if (s.batch < 1) throw InputError("--batch must be at least 1.");
  if (s.levels < 2 || s.levels > 6) throw InputError("--levels must be between 2 and 6.");
  if (s.gradeBase != "source" && s.gradeBase != "graded")
    throw InputError("--grade-base must be source or graded, not '" + s.gradeBase + "'.");
  const int multiple = 1 << (s.levels - 1);
  if (s.levels == 3 && (s.crop < 8 || s.crop % 4 != 0))
    throw InputError("--crop must be a multiple of 4 of at least 8 (the U-Net pools twice).");
  if (s.crop < 2 * multiple || s.crop % multiple != 0)
    throw InputError("--crop must be a multiple of " + std::to_string(multiple) + " of at least " +
                     std::to_string(2 * multiple) + " (a U-Net of " + std::to_string(s.levels) + " levels pools " +
                     std::to_string(s.levels - 1) + " times).");
  if (!(s.lr > 0) || s.lr > 1) throw InputError("--lr must be in (0, 1].");
  if (s.warmupSteps < 0) throw InputError("--warmup must not be negative.");
  if (s.schedule != "cosine" && s.schedule != "constant") throw InputError("--schedule must be cosine or constant.");
  if (s.validateEvery < 0 || s.previewEvery < 0 || s.checkpointEvery < 0)
    throw InputError("--validate-every, --preview-every and --checkpoint-every must not be negative.");
  if (s.threads < 0) throw InputError("--threads must not be negative.");
  if (!(s.lossBlur >= 0) || s.lossBlur > 16) throw InputError("--loss-blur must be between 0 and 16 (source pixels).");
  if (s.medianPrefilter < 0 || s.medianPrefilter > 31) throw InputError("--median must be between 0 and 31.");
  if (s.augmentation.scaleJitter < 0 || s.augmentation.scaleJitter > 0.5) throw InputError("scale jitter must be in [0, 0.5].");
  if (s.augmentation.exposure < 0 || s.augmentation.exposure > 0.5) throw InputError("exposure augmentation must be in [0, 0.5].");
}

}  // namespace filmrecover
