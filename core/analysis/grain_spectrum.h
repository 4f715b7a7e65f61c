#pragma once
#include <vector>

#include "core/image/image.h"

namespace filmrecover::analysis {

//! Settings of the grain measurement.
struct GrainOptions {
  int blockSize = 64;          //!< side of the square flat patches (power of two is fastest)
  double flatFraction = 0.2;   //!< share of the candidate blocks kept, flattest first
  int maxBlocksPerFrame = 48;  //!< cap per frame
  int bins = 16;               //!< radial frequency bins over (0, 0.5] cycles/pixel
  int maxFrames = 24;          //!< frames of a sequence measured at most (evenly spread)
  bool operator==(const GrainOptions& o) const {
    return blockSize == o.blockSize && flatFraction == o.flatFraction &&
           maxBlocksPerFrame == o.maxBlocksPerFrame && bins == o.bins && maxFrames == o.maxFrames;
  }
};

//! A radially averaged noise power spectrum (NPS) of luma.
//! Normalised so that white noise of standard deviation s has power s^2 at every
//! frequency, and `rms` = sqrt(sum of the 2D spectrum without DC / blockSize^2) is the
//! grain's standard deviation.
struct NoisePowerSpectrum {
  std::vector<double> frequency;  //!< bin centres, cycles per pixel
  std::vector<double> power;      //!< mean power per bin (value^2)
  double rms = 0;                 //!< grain standard deviation (Y' units)
  int blocks = 0;                 //!< patches averaged
  //! Grain level against luma (film grain varies with density): the rms of the blocks whose
  //! mean Y' falls in each of kGrainLumaBands equal bands of [0, 1] (NaN where none did).
  std::vector<double> lumaBandCentre, rmsByLuma;
};

//! Bands of mean luma the grain level is given for.
constexpr int kGrainLumaBands = 8;

//! The NPS of one size x size luma patch (row-major): a least-squares plane is removed
//! (shading is not grain), a periodic 2D Hann window applied, then |FFT|^2 / sum(w^2),
//! averaged into `bins` rings of radial frequency (DC and corners past 0.5 left out of the
//! rings; everything but DC counts for rms).
NoisePowerSpectrum blockNoisePowerSpectrum(const std::vector<float>& patch, int size, int bins);

//! The flattest blocks of a frame: non-overlapping blockSize squares whose Gaussian-blurred
//! (sigma 2) luma, less its best plane, varies least (so grain, not picture, fills them);
//! blocks near black or white (mean Y' outside [0.03, 0.97]) are left out, as clipping hides grain.
std::vector<Rect> findFlatBlocks(const Image& guide, const GrainOptions& options = {});

//! Accumulates the NPS of the same blocks over frames of one sequence.
class GrainAccumulator {
 public:
  explicit GrainAccumulator(const GrainOptions& options = {});
  //! Adds the luma NPS of `blocks` of `frame` (3 channels).
  void add(const Image& frame, const std::vector<Rect>& blocks);
  //! The mean spectrum so far (blocks == 0 when nothing was added).
  NoisePowerSpectrum result() const;

 private:
  GrainOptions options_;
  std::vector<double> sum_;
  std::vector<double> bandSquares_;
  std::vector<int> bandBlocks_;
  double rmsSquares_ = 0;
  int blocks_ = 0;
};

//! Grain of A against B, measured on the same flat blocks.
struct GrainComparison {
  NoisePowerSpectrum a, b;
  double rmsRatio = 0;            //!< rms(A) / rms(B): 1 = same grain strength
  double spectralDistanceDb = 0;  //!< RMS over bins of 10 log10(power A / power B): 0 = same grain texture
};

//! Compares two spectra measured on the same blocks.
GrainComparison compareGrain(const NoisePowerSpectrum& a, const NoisePowerSpectrum& b);

}  // namespace filmrecover::analysis
