#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/dataset/pair_settings.h"
#include "core/dataset/recovery_mode.h"
#include "core/model/model_preset.h"

namespace filmrecover {

//! Format version of model files this build writes when a model needs it (a grade before the
//! network, or a U-Net of other than 3 levels: a build reading version 1 could not run it and
//! says so); models without either are written as version 1, as before.
constexpr int kModelFormatVersion = 2;
//! The oldest format version this build reads.
constexpr int kOldestModelFormatVersion = 1;

//! Everything a model file says about itself (its provenance), readable without LibTorch.
struct ModelInfo {
  int formatVersion = kModelFormatVersion;
  RecoveryMode mode = RecoveryMode::Chroma;
  ModelPreset preset = ModelPreset::M;
  int width = 32;                         //!< U-Net base width
  std::vector<std::string> inputChannels; //!< e.g. {"Y","Cb","Cr"}
  std::vector<std::string> outputChannels;//!< e.g. {"Cb","Cr"}
  bool residual = true;                   //!< output = matching input channels + network
  std::string colourHandling = "Rec.709 Y'CbCr of display-referred R'G'B' [0,1]";
  PairSettings pairSettings;              //!< clamp, median pre-filter, valid area (crop)
  std::vector<int> trainingFrames;
  std::vector<int> holdoutFrames;
  long long steps = 0;                    //!< optimiser steps trained
  std::string loss = "l1";
  unsigned long long seed = 0;
  std::string softwareVersion;            //!< FILMRECOVER_VERSION that wrote the file
  std::string date;                       //!< ISO 8601 UTC time the file was written
  std::string source, target, detailTarget; //!< specs of the training sources
  double holdoutLoss = -1, holdoutPsnr = -1; //!< last hold-out evaluation (-1 = none)
  nlohmann::json settings = nlohmann::json::object(); //!< the full training settings
  std::string weightsChecksum;            //!< FNV-1a 64 of the weights, hex
  //! U-Net levels (3: the benchmark network; each more halves the resolution once more and
  //! widens the network's context). Files without the key have 3.
  int levels = 3;
  //! Grade, then refine (model_grade.h): what the network's input passes through first,
  //! describeGrade()'s form; the table is the file's "grade" blob. Null: no grade (spatial
  //! models, --no-grade-first, files from before it).
  nlohmann::json grade;

  //! True when the network has a grade in front of it.
  bool graded() const { return grade.is_object(); }

  //! Creates the info of a fresh network (channels, width and format filled in).
  static ModelInfo forNetwork(RecoveryMode mode, ModelPreset preset);
};

//! The format version a file holding `info` is written as: 1, or kModelFormatVersion when the
//! model has a grade or other than 3 levels.
int requiredFormatVersion(const ModelInfo& info);
//! Throws InputError naming `path` unless `version` is one this build reads.
void checkModelFormatVersion(int version, const std::string& path);

//! JSON of every field (keys as the member names).
void to_json(nlohmann::json& j, const ModelInfo& info);
//! Reads what to_json wrote; missing keys keep their defaults.
void from_json(const nlohmann::json& j, ModelInfo& info);

//! Reads a model or checkpoint file's metadata without loading the weights (for the GUI and
//! reports). Throws InputError naming `path` when it is missing, not a model file, of another
//! format version or truncated.
ModelInfo readModelInfo(const std::string& path);

//! Current UTC time as ISO 8601 ("2024-05-01T12:00:00Z").
std::string isoTimestampUtc();

}  // namespace filmrecover
