#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "core/dataset/augmentation.h"
#include "core/dataset/recovery_mode.h"
#include "core/model/compute_settings.h"
#include "core/model/model_preset.h"
#include "core/train/distributed_settings.h"

namespace filmrecover {

//! Loss of a training run: L1 alone, or L1 plus a structure term for spatial detail.
enum class LossKind { L1, L1Ssim, L1Frequency };
//! "l1", "l1+ssim", "l1+frequency".
std::string toString(LossKind loss);
//! Parses l1 | l1+ssim | l1+frequency (also ssim, frequency); throws InputError naming `what`.
LossKind parseLossKind(const std::string& text, const std::string& what = "loss");

//! Everything that decides how a model is trained. Defaults follow the workflow design
//! (model M, batch 4, crop 256, Adam 1e-3 with warm-up and cosine decay, augmentation on).
struct TrainSettings {
  RecoveryMode mode = RecoveryMode::Chroma;
  ModelPreset preset = ModelPreset::M;
  long long steps = 4000;        //!< optimiser steps in total
  int batch = 4;
  int crop = 256;                //!< square crop side (multiple of 4)
  double lr = 1e-3;              //!< peak learning rate
  long long warmupSteps = 200;   //!< linear warm-up from lr/100
  std::string schedule = "cosine"; //!< "cosine" decay to lr*minLrFactor, or "constant"
  double minLrFactor = 0.01;
  AugmentationSettings augmentation;
  LossKind loss = LossKind::L1;
  double auxLossWeight = 0.2;    //!< weight of the SSIM / frequency term
  //! Gaussian sigma (source pixels) applied to output and target before the L1 term and the
  //! hold-out loss: a reference that resolves less than the source (an SD or 4:2:0 colour
  //! reference) then teaches only what it resolves, and the network is not rewarded for
  //! blurring the source's own detail to match it. 0 = off.
  double lossBlur = 0.0;
  long long validateEvery = 100; //!< hold-out loss and PSNR every N steps (0 = only at the end)
  long long previewEvery = 500;  //!< preview crops every N steps (0 = never)
  long long checkpointEvery = 1000; //!< checkpoint every N steps (0 = only at the end)
  unsigned long long seed = 1;   //!< same seed + same data + same threads = same run
  DeviceChoice device = DeviceChoice::Auto;
  Precision precision = Precision::Auto;
  int threads = 0;               //!< LibTorch intra-op threads (0 = all cores)
  std::string initialWeights;    //!< model file to fine-tune from ("" = fresh network)
  int medianPrefilter = 0;       //!< reference median pre-filter size (0 = off)
  bool clampHighlights = true;   //!< clamp R'G'B' to [0,1] before training
  int holdoutCrop = 256;         //!< hold-out evaluation tile side
  int holdoutTilesPerFrame = 4;  //!< hold-out tiles per frame
  //! Grade, then refine (chroma and combined): the match-grade 3D LUT is fitted on the training
  //! pairs first (workflow::runTraining fits it; the model file keeps it) and the network sees
  //! the graded colour beside the source's. False: it sees the source alone.
  bool gradeFirst = true;
  //! What a graded network's correction is added to: "source" (the source's Cb,Cr, the grade
  //! being an input the network may use) or "graded" (the graded Cb,Cr: the network starts at
  //! the grade). Chosen by uncovered-frame error on generated fades (docs/quality.md).
  std::string gradeBase = "source";
  int levels = 3;                //!< U-Net levels (3 = the benchmark network; 4 sees twice as far)
  int plateauPatience = 8;       //!< validations without 1% improvement = plateau
  int overfitPatience = 3;       //!< validations of rising hold-out loss = over-fitting
  //! Where this process trains, not how: one of worldSize processes training this model
  //! together (trainModel). Not part of the JSON (nor of ==): the model does not depend on it.
  DistributedSettings distributed;

  bool operator==(const TrainSettings& o) const;
};

//! JSON with every field under its member name.
void to_json(nlohmann::json& j, const TrainSettings& s);
//! Reads what to_json wrote; missing keys keep their defaults.
void from_json(const nlohmann::json& j, TrainSettings& s);

//! Throws InputError naming the flag when a setting is out of range (crop not a positive
//! multiple of the U-Net's size multiple, 4 at 3 levels; steps < 1, batch < 1, lr <= 0 ...).
void validateTrainSettings(const TrainSettings& s);

//! True when a model trained with `s` has a grade before its network: gradeFirst in chroma or
//! combined mode (spatial recovery has no colour to grade).
bool gradesFirst(const TrainSettings& s);

}  // namespace filmrecover
