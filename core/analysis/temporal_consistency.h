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

//! Warping error of a pair of consecutive frames of a sequence under `motion` (usually
//! estimated on a guide: the source or reference, so the measured sequence's own flicker
//! does not bend the flow): the mean over non-occluded pixels and R, G, B of
//! (current - warp(previous))^2, with bilinear warping. Lai et al. 2018's E_warp.
//! 0 when no pixel is valid.
double warpingError(const Image& previous, const Image& current, const MotionEstimate& motion);

}  // namespace filmrecover::analysis
