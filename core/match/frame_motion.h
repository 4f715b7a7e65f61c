#pragma once
#include <array>

#include "core/match/frame_descriptor.h"

namespace filmrecover::match {

//! Number of points of the thumbnail interior at which a motion is sampled (3 x 3 grid).
constexpr int kMotionPoints = 9;

//! How the picture moved from one frame to another: the displacement, in fine-thumbnail
//! pixels, of a 3x3 grid of interior points under the affine warp that registers the two
//! (x0, y0, x1, y1, ...). Sampling the warp at points rather than keeping its parameters
//! puts pan, zoom and rotation in one unit, so motions can be compared and projected onto
//! each other whatever the camera did.
struct FrameMotion {
  std::array<float, 2 * kMotionPoints> d{};
  bool valid = false;    //!< false when no trustworthy registration was found
  bool precise = false;  //!< refined to sub-pixel (else a whole-pixel phase shift only)

  float norm() const;                          //!< RMS displacement over the points
  float dot(const FrameMotion& o) const;       //!< sum of products, for projections
};

//! The motion from frame `a` to frame `b` of one element. A phase correlation of the
//! band-passed thumbnails gives the start (it reaches far but locks onto whole pixels);
//! an affine ECC refines it to a few hundredths of a thumbnail pixel, so that a camera
//! creeping by a tenth of a pixel per frame still shows a repeated frame (no motion) or a
//! lost one (twice the motion) clearly. Invalid when the correlation is weak (a flash, a
//! cut, heavy damage) or the registration runs away.
FrameMotion measureMotion(const FrameDescriptor& a, const FrameDescriptor& b);

}  // namespace filmrecover::match
