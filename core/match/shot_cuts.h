#pragma once
#include <vector>

#include "core/match/frame_descriptor.h"

namespace filmrecover::match {

//! Thresholds of scene-cut detection on coarse descriptors.
struct CutOptions {
  float minJump = 0.35f;     //!< 1 - rank correlation between neighbours at least this
  float localFactor = 3.0f;  //!< and this many times the typical change around it
  int window = 8;            //!< frames each side used for "typical change"
};

//! Indices (into `frames`) of the first frame of every shot after the first: where the
//! picture changes far more than it does around that point. Works on either element,
//! whatever its colour, since the descriptors are rank-based luma.
//! One or two frames that differ from both neighbours while the frames around them
//! continue one picture (a flash, a light leak, a burnt or blank frame, a splice's
//! damage) are not a shot of their own: they go to `unreadable` (when given), and the
//! shot runs through them.
std::vector<int> detectCuts(const std::vector<FrameDescriptor>& frames, const CutOptions& options = {},
                            std::vector<int>* unreadable = nullptr);

}  // namespace filmrecover::match
