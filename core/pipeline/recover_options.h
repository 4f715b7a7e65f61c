#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/io/frame_defect.h"
#include "core/train/distributed_settings.h"

namespace filmrecover::pipeline {

//! Everything `filmrecover-cli recover` takes. Unset optionals are chosen from the material
//! and the machine (see training_defaults.h); the chosen values are reported.
struct RecoverOptions {
  std::string mode = "chroma";      //!< chroma | spatial | combined
  std::string source;               //!< the element to restore
  std::string reference;            //!< the element holding the better information
  std::string output;               //!< output pattern for the recovered frames
  std::string workDir;              //!< intermediates and the project catalog ("" = OUTPUT's folder/recover-work)
  std::string report;               //!< report HTML ("" = WORKDIR/report.html)
  // Training overrides (the flags of `train`).
  std::optional<long long> steps;
  std::optional<std::string> size;  //!< S | M | L
  std::optional<int> crop, batch;
  std::optional<double> lr;
  std::optional<double> lossBlur;   //!< TrainSettings::lossBlur (unset = chosen from the reference's resolution)
  std::optional<long long> checkpointEvery;
  std::optional<int> levels;        //!< U-Net levels (unset = 3)
  bool gradeFirst = true;           //!< chroma, combined: the network sees the match-grade (TrainSettings::gradeFirst)
  std::string gradeBase = "source"; //!< TrainSettings::gradeBase
  unsigned long long seed = 1;
  std::string device = "auto";      //!< auto | cpu | cuda
  int threads = 0;                  //!< 0 = all cores
  // Curation overrides.
  std::optional<int> train, holdout;
  std::string alignModel = "affine";     //!< translation | similarity | affine | homography
  int medianPrefilter = -1;         //!< -1 = chosen (chroma 3, spatial 0)
  bool baseline = true;             //!< also render the match-grade baseline for the report
  bool stabilise = true;            //!< filter the recovered colour along the source's motion (chroma, combined)
  bool chromaGuide = true;          //!< the recovered colour follows the output's luma edges (chroma, combined)
  //! sequence | scene | shot | auto: which ranges get a model of their own (scope_plan.h)
  std::string scope = "auto";
  std::string operatorName;         //!< recorded with curation decisions and provenance
  //! Rank 0 of a distributed training (recover --world-size/--rank/--master): the train
  //! stage trains with the other ranks, which join it (recover_command.cpp).
  DistributedSettings distributed;
};

//! One stage's outcome.
struct StageOutcome {
  std::string name;
  bool reused = false;              //!< up to date from an earlier run
  bool resumed = false;             //!< continued an interrupted run
  double seconds = 0;
  std::string summary;              //!< one line for people
};

//! What `recover` did.
struct RecoverResult {
  std::string workDir, output, report, model;
  std::vector<StageOutcome> stages;
  std::vector<std::string> warnings;
  int framesRendered = 0;           //!< source frames with a recovered frame
  //! Frames of either element that could not be used (missing, truncated, corrupt, another
  //! size, NaN/Inf), each named; `role` says which element ("source", "reference", or
  //! "aligned" for an aligned frame of the work dir). recover then exits 2, unless the only
  //! ones are gaps in the reference.
  struct SkippedFrame {
    std::string role, stage;
    FrameDefect defect;
  };
  std::vector<SkippedFrame> skipped;
  nlohmann::json qc;                //!< the QC summary (qc_summary.h), from the report stage
  nlohmann::json summary;           //!< the JSON the CLI prints with --json
};

}  // namespace filmrecover::pipeline
