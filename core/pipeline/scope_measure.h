#pragma once
// The measurements the scope decisions (scope_plan.h) rest on: which pairs of a shot the
// broad model never saw, and a model's error on them with the way it errs in colour (what
// groups shots into scenes).
#include <string>
#include <vector>

#include "core/exec/cancel_token.h"
#include "core/image/image.h"
#include "core/pipeline/scope_plan.h"

namespace filmrecover {
class FrameSource;
}

namespace filmrecover::pipeline {

//! Per shot, the aligned pairs no model was trained on: the curated hold-out pairs first,
//! then the paired frames curation left unused (never those it rejected), spread evenly over
//! the shot, at most `perShot` (0: none). `paired`: source frames with an aligned frame.
std::vector<std::vector<int>> unseenPairsPerShot(const std::vector<ShotSpan>& shots, const std::vector<int>& paired,
                                                 const std::vector<int>& train, const std::vector<int>& holdout,
                                                 const std::vector<int>& rejected, int perShot);

//! How a recovered frame is compared with its aligned reference frame, inside the shared
//! crop: chroma and combined by the mean CIEDE2000 of blocks of `block` source pixels (area
//! means): the scope is about the colour relation of a shot, and at full resolution the
//! reference's own softness, compression, grain and registration set a floor that differs
//! from shot to shot with the picture (on generated fades, compared after a blur of 1.3 px,
//! a shot of sharp architecture read 4.22 against 1.70 for a shot of interiors under the
//! same model, and "failed"); spatial by the mean |ΔY'| in percent of blocks of
//! `spatialBlock` pixels, for the same reason (at full resolution a shot of architecture read
//! 4.56 against 2.04 for interiors, and a scene printed 0.8x denser 4.88: not told apart).
struct ErrorMeasure {
  std::string mode = "chroma";
  int block = 8;
  int spatialBlock = 4;
  bool chromaGuide = true;  //!< the model's colour through the chroma guide, as the render will (recover --no-chroma-guide)
  std::string unit() const { return mode == "spatial" ? "% luma" : "dE2000"; }
  int blockFor() const { return mode == "spatial" ? spatialBlock : block; }
};
//! One recovered frame against its reference: the error, and its colour bias (the mean of
//! reference minus recovered in CIE a*, b*, over the same blocks): which way a model errs.
struct FrameError {
  double error = 0;
  double biasA = 0, biasB = 0;
  double biasLuma = 0;   //!< mean of reference minus recovered Y', in percent (spatial's bias)
  bool measured = true;  //!< false: the source or the aligned frame could not be read
};
FrameError frameError(const Image& recovered, const Image& reference, const Rect& crop, const ErrorMeasure& measure);

//! The error of the model at `modelPath` on each of `frames` (recovered from `source`,
//! compared with `aligned`), in order; a pair whose frame cannot be read is not measured.
std::vector<FrameError> modelErrors(const std::string& modelPath, const FrameSource& source, const FrameSource& aligned,
                                const std::vector<int>& frames, const Rect& crop, const ErrorMeasure& measure,
                                int threads, const CancelToken& cancel = {});

}  // namespace filmrecover::pipeline
