#pragma once
#include <cstdint>
#include <vector>

#include "core/image/image.h"

namespace filmrecover::analysis {

//! Motion from one frame to the next, for warping errors: for every pixel x of the
//! current frame, where it was in the previous one (x + flow(x)), and whether that is
//! trustworthy (not occluded, not out of frame).
struct MotionEstimate {
  int width = 0, height = 0;
  std::vector<float> flow;      //!< dx, dy per pixel of the current frame (row-major)
  std::vector<uint8_t> valid;   //!< 1 where forward and backward flow agree and stay in frame
  double occludedFraction = 0;  //!< share of pixels with valid == 0
};

//! DIS optical flow (OpenCV cv::DISOpticalFlow, preset MEDIUM) on the Rec.709 luma of
//! `previous` and `current`, both ways; a pixel is occluded when the forward flow at its
//! backward-warped position does not bring it back: |f + b|^2 > 0.01 (|f|^2 + |b|^2) + 0.5
//! (the test of Sundaram et al. 2010, used by Lai et al. 2018 for video consistency).
//! Throws InputError when the sizes differ.
MotionEstimate estimateMotion(const Image& previous, const Image& current);

//! The motion between two frames both ways, from one pair of DIS runs.
struct MotionPair {
  MotionEstimate bIntoA;  //!< for every pixel of b, where it is in a (estimateMotion(a, b))
  MotionEstimate aIntoB;  //!< for every pixel of a, where it is in b (estimateMotion(b, a))
};

//! estimateMotion both ways at the cost of one. With `maxSide` > 0 the flow is estimated on
//! luma scaled down so that its longer side is at most maxSide (DIS cost grows with the
//! area; film grain at full 2K/4K only adds noise to it) and scaled back up; the occlusion
//! test then runs at full size.
MotionPair estimateMotionBothWays(const Image& a, const Image& b, int maxSide = 0);

//! `image` (any channel count) warped by `motion`: out(x) = image(x + flow(x)), bilinear,
//! edges replicated. Throws InputError when the sizes differ.
Image warpImage(const Image& image, const MotionEstimate& motion);

//! Warping error of a pair of consecutive frames of a sequence under `motion` (usually
//! estimated on a guide: the source or reference, so the measured sequence's own flicker
//! does not bend the flow): the mean over non-occluded pixels and R, G, B of
//! (current - warp(previous))^2, with bilinear warping. Lai et al. 2018's E_warp.
//! 0 when no pixel is valid.
double warpingError(const Image& previous, const Image& current, const MotionEstimate& motion);

//! The warping error in R, G, B (as warpingError) and in the chroma alone: the mean over
//! non-occluded pixels of the squared Rec.709 (Cb, Cr) difference, averaged over Cb and Cr.
//! A chroma recovery keeps the source's luma, grain included, so its RGB figure follows the
//! source's; the chroma figure shows the flicker of what it recovered.
struct WarpingErrors {
  double rgb = 0, chroma = 0;
};
WarpingErrors warpingErrors(const Image& previous, const Image& current, const MotionEstimate& motion);

}  // namespace filmrecover::analysis
