#pragma once
#include <string>
#include <vector>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/grade/lut_fit.h"
#include "core/io/frame_defect.h"

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
  //! A frame that cannot be written (full disk, permissions) throws its RunError instead of
  //! being recorded and passed over: recover stops there and resumes once space is back.
  bool stopOnWriteError = false;
};

//! What it did.
struct MatchGradeResult {
  Lut3D lut;
  LutFitReport fit;
  std::vector<int> written;   //!< frames graded and written
  std::vector<int> skipped;   //!< frames kept because they existed (skipExisting)
  std::vector<std::string> failures;  //!< one sentence per frame that failed
  std::vector<FrameDefect> unreadable; //!< the frames to grade that could not be read, as data
  std::vector<std::string> pairsLeftOut; //!< training pairs left out of the fit (also in failures)
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
//! LUT size, crop, the .cube), numbered like its source frame. A frame that fails to read, or
//! is missing (a gap inside the source's range, or asked for and not there: a `missing`
//! defect, as render names it), is recorded in `failures` and `unreadable` and the run goes
//! on (the caller exits 2); so is one that fails to write, unless stopOnWriteError.
//! InputError when none of the frames to grade is there. `grade` and recover's baseline stage
//! are this one function. The fit is deterministic (whatever the thread count), so a run
//! resumed with skipExisting grades its remaining frames with the LUT the finished ones got;
//! reading the LUT back from the .cube would not do that, since the .cube resamples the
//! log pre-space onto a uniform lattice.
MatchGradeResult runMatchGrade(const MatchGradeRequest& request, const ProgressCallback& progress = {},
                               const CancelToken& cancel = {});

}  // namespace filmrecover::grade
