#pragma once
#include "core/image/image.h"

namespace filmrecover::analysis {

//! Metrics of one frame A (e.g. a restoration) against B (e.g. the aligned reference),
//! and optionally against the source it was made from. Values are display-referred
//! [0,1]; luma and chroma are Rec.709 Y' and Cb/Cr (Cb, Cr within +-0.5).
struct FrameMetrics {
  int frame = 0;               //!< frame number (as in the sources)
  double psnrRgb = 0;          //!< dB over R, G, B values (peak 1); 100 = identical
  double psnrLuma = 0;         //!< dB over Y'
  double psnrChroma = 0;       //!< dB over Cb and Cr together (peak 1, their full span)
  double ssim = 0;             //!< mean over R, G, B, see analysis::ssim
  double deltaE2000Mean = 0;   //!< mean CIEDE2000 over pixels
  double deltaE2000P95 = 0;    //!< 95th percentile CIEDE2000 over pixels
  double meanLumaA = 0, meanCbA = 0, meanCrA = 0;  //!< frame means of A, for flicker
  double meanLumaB = 0, meanCbB = 0, meanCrB = 0;  //!< frame means of B
  bool hasSource = false;      //!< the identity checks below were computed
  double lumaIdentityMax = 0;  //!< max |Y'(A) - Y'(source)|: chroma recovery must keep it ~0
  double lumaIdentityMean = 0; //!< mean |Y'(A) - Y'(source)|
  double chromaIdentityMax = 0;   //!< max |(Cb, Cr)(A) - (Cb, Cr)(source)| (Euclidean): spatial recovery keeps it ~0
  double chromaIdentityMean = 0;  //!< mean of the same
};

//! Options of compareFrames.
struct FrameMetricsOptions {
  bool deltaE = true;  //!< CIEDE2000 costs most; off for quick checks
  int threads = 0;     //!< 0 = hardware concurrency
};

//! Compares A with B (same size, 3+ channels) and, when `source` is given, A with the
//! source (luma and chroma identity). Throws InputError on a size mismatch.
FrameMetrics compareFrames(const Image& a, const Image& b, const Image* source = nullptr,
                           const FrameMetricsOptions& options = {});

}  // namespace filmrecover::analysis
