#pragma once
#include <string>
#include <vector>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/grade/lut_fit.h"

namespace filmrecover::grade {

//! What `filmrecover-cli grade` does, as data: fit the match-grade on pairs of source and
//! aligned target frames, apply it to the source, optionally export the LUT.
struct MatchGradeRequest {
  std::string input;               //!< the source (sequence pattern, movie or folder)
  std::string target;              //!< aligned reference frames, numbered like the source
  std::vector<int> trainingFrames; //!< frames whose pairs train the LUT
  std::string output;              //!< output pattern ("graded.####.exr")
  std::vector<int> renderFrames;   //!< frames to grade; empty = every frame of the source
  LutFitOptions fit;               //!< lattice size, crop, smoothness ...
  std::string cubePath;            //!< also write the LUT here as .cube ("" = no)
  bool skipExisting = false;       //!< keep output frames that exist already (resume)
};

//! What it did.
struct MatchGradeResult {
  Lut3D lut;
  LutFitReport fit;
  std::vector<int> written;   //!< frames graded and written
  std::vector<int> skipped;   //!< frames kept because they existed (skipExisting)
  std::vector<std::string> failures;  //!< one sentence per frame that failed
};

//! The match-grade fit alone, on the pairs of `frames` (source frame, aligned target frame).
struct MatchGradeFit {
  Lut3D lut;
  LutFitReport report;
  std::vector<int> frames;            //!< the pairs that went into the fit
  std::vector<std::string> failures;  //!< one sentence per pair left out (unreadable)
};

//! Fits the match-grade LUT on the pairs of `frames` of `input` and `target` as runMatchGrade
//! does (each pair cropped to `fit.crop` and decimated as it is read); recover's baseline,
//! `grade` and the grade a model starts from (grade, then refine) are this one fit. A pair
//! that cannot be read is left out and named in `failures`. Throws InputError when a frame is
//! missing on either side, the sizes differ, or no pair can be read.
MatchGradeFit fitMatchGrade(const std::string& input, const std::string& target, const std::vector<int>& frames,
                            const LutFitOptions& fit, const ProgressCallback& progress = {},
                            const CancelToken& cancel = {});

//! Runs the match-grade. Training frames must exist in both input and target (InputError
//! naming the frame otherwise); a pair that cannot be read (truncated, corrupt ...) is left out
//! of the fit and named in `failures`; each pair is cropped and decimated (every k-th row and
//! column) to about 2 x maxSamples / pairs pixels as it is read, so dozens of 4K pairs fit
//! in memory; every output frame is written atomically with the source
//! frame's metadata plus provenance (filmrecover:recovery = match-grade, training frames,
//! LUT size, crop), numbered like its source frame. A frame that fails to read or write is
//! recorded in `failures` and the run goes on (the caller exits 2).
MatchGradeResult runMatchGrade(const MatchGradeRequest& request, const ProgressCallback& progress = {},
                               const CancelToken& cancel = {});

}  // namespace filmrecover::grade
