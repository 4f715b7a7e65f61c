#pragma once
#include <vector>

#include "core/exec/cancel_token.h"
#include "core/grade/lut3d.h"
#include "core/image/image.h"

namespace filmrecover::grade {

//! Settings of the match-grade fit. Defaults are the chosen ones, not zeros.
struct LutFitOptions {
  int size = 33;                //!< nodes per axis of the result (33 or 65 in practice)
  float shaperStrength = 6.0f;  //!< log pre-space strength, see LogShaper
  //! Weight of the smoothness (thin-plate, second-derivative) energy against the mean
  //! squared error of the pairs. Where the pairs hold no colours, the table is filled by
  //! the smoothest continuation of the data; where they do, a larger value trades
  //! accuracy for smoothness.
  double smoothness = 1e-5;
  size_t maxSamples = 1500000;  //!< pixels drawn (on a regular stride) from all pairs together
  int maxIterations = 300;      //!< conjugate-gradient iterations per lattice level
  double tolerance = 1e-4;      //!< CG stops when |residual| <= tolerance * |right-hand side|
  Rect crop;                    //!< only these pixels of each pair (empty = whole frame)
  int threads = 0;              //!< 0 = hardware concurrency
};

//! One training pair: a source frame and the aligned target it should look like.
struct LutTrainingPair {
  const Image* source = nullptr;
  const Image* target = nullptr;
};

//! What the fit did, for logs and the report.
struct LutFitReport {
  size_t samples = 0;        //!< pixels used
  int iterations = 0;        //!< CG iterations over all levels
  double rmsError = 0.0;     //!< RMS of LUT(source) - target over the samples (RGB)
  double seconds = 0.0;      //!< wall time of the fit
};

//! Fits the match-grade LUT: the lattice that, through trilinear interpolation, maps the
//! source pixels of the pairs to their target pixels in the least-squares sense, plus
//! `smoothness` times the thin-plate energy of the lattice (so colours the pairs never show
//! are filled smoothly, and an affine colour transform costs nothing). The sparse normal
//! equations are solved by Jacobi-preconditioned conjugate gradients, coarse to fine
//! (5, 9, 17, ... nodes) so the smooth fill converges quickly.
//! Throws InputError when the pairs are empty or mismatched in size.
Lut3D fitLut(const std::vector<LutTrainingPair>& pairs, const LutFitOptions& options = {},
             LutFitReport* report = nullptr, const CancelToken& cancel = {});

}  // namespace filmrecover::grade
