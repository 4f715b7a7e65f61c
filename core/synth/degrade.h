#pragma once
#include <cstdint>

#include <opencv2/core.hpp>

#include "core/image/image.h"

namespace filmrecover::synth {

//! A dye fade as seen on old colour prints: the cyan layer loses density (chroma collapses),
//! magenta dominates. Non-global: stronger towards the frame edges and in dark
//! neighbourhoods (the local mean luma, not the pixel's own), so a single global colour
//! transform cannot undo it exactly. Luma is kept (a technically balanced source).
struct FadeOptions {
  double strength = 1.0;      //!< 0 = none, 1 = a heavily faded print
  double edgeBoost = 0.35;    //!< extra fade at the corners relative to the centre
  double shadowBoost = 0.8;   //!< extra fade in dark neighbourhoods relative to bright ones
  double chromaLoss = 0.7;    //!< share of the chroma that is lost at full strength
  double magentaCast = 0.07;  //!< Cb/Cr shift towards magenta at full strength
};

//! Dust, scratches and blotches; counts are per frame, positions depend on seed and frame.
struct DamageOptions {
  int dust = 6;             //!< small dark/bright specks per frame
  double scratch = 0.5;     //!< probability a frame carries the reel's vertical scratch
  int blotches = 1;         //!< larger faint emulsion blotches per frame
};

//! Applies a non-global dye fade (luma kept).
Image degradeFade(const Image& image, const FadeOptions& options);
//! Black-and-white element: Rec.709 luma in all three channels.
Image degradeMonochrome(const Image& image);
//! Film grain: per-dye-layer noise (partly shared across channels), slightly clumped,
//! strongest in the mid-tones; `sigma` is the mid-grey standard deviation.
Image degradeGrain(const Image& image, double sigma, uint32_t seed);
//! Softness of a duplicate print (e.g. 16mm): a Gaussian blur of `sigma` pixels.
Image degradeBlur(const Image& image, double sigma);
//! Dust, scratch and blotches for frame `frameIndex` of a reel made with `seed`.
Image degradeDamage(const Image& image, const DamageOptions& options, uint32_t seed, int frameIndex);
//! Black bars top and bottom so the picture has `aspect` (width / height) inside the frame.
//! Returns the rows [y0, y1) that still hold picture through `pictureRows` when given.
Image degradeLetterbox(const Image& image, double aspect, int* pictureY0 = nullptr,
                       int* pictureY1 = nullptr);
//! Resamples `image` into a `width` x `height` frame where output pixel p shows the input
//! at `outputToInput` * p (3x3, OpenCV pixel-centre coordinates); outside is black.
Image degradeWarp(const Image& image, const cv::Matx33d& outputToInput, int width, int height);
//! Rescales to `width` x `height` (area filter when shrinking), e.g. to SD 720x576.
Image degradeResize(const Image& image, int width, int height);
//! JPEG round trip at `quality` (also quantises to 8 bits and subsamples chroma like MPEG).
Image degradeCompress(const Image& image, int quality);
//! Interlaced blend of two frames (even rows of `a`, odd rows of `b`), as 3:2 pulldown makes.
Image interlaceFields(const Image& a, const Image& b);

//! The matrix of a small reframing about the frame centre: scale, rotation (degrees),
//! translation (pixels); maps input pixel coordinates to output pixel coordinates.
cv::Matx33d reframeMatrix(int width, int height, double scale, double rotationDegrees, double tx,
                          double ty);
//! Maps pixel coordinates of a `fromW` x `fromH` frame to those of it rescaled to `toW` x `toH`.
cv::Matx33d resizeMatrix(int fromW, int fromH, int toW, int toH);

}  // namespace filmrecover::synth
