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
std::vector<int> detectCuts(const std::vector<FrameDescriptor>& frames, const CutOptions& options = {});

}  // namespace filmrecover::match
