#pragma once
#include <vector>

#include "core/match/descriptor_set.h"
#include "core/match/gapped_alignment.h"

namespace filmrecover::match {

//! Thresholds of the timeline analysis of one element (motion in fine-thumbnail pixels).
struct TimelineOptions {
  float minMotion = 0.25f;     //!< below this typical motion a shot counts as still: no evidence
  float duplicateRatio = 0.3f; //!< motion under this share of the typical one: a repeated frame
  float jumpRatio = 1.6f;      //!< motion over this multiple of the typical one: a frame lost
  float softStartRatio = 4.0f; //!< over this multiple: a jump in time (a cut inside the shot)
  float combFlag = 1.5f;       //!< comb score over this multiple of the element's median: a blend
};

//! What an element's own frames tell about its timeline: hard cuts, repeated frames,
//! lost frames (the picture moves twice as far as around it), jumps in time and field
//! blends. Motion is the phase-correlation shift between consecutive fine thumbnails,
//! compared with its median over the neighbouring frames of the same shot.
AxisEvents analyseTimeline(const DescriptorSet& set, const std::vector<int>& cuts,
                           const TimelineOptions& options = {}, std::vector<float>* motion = nullptr);

}  // namespace filmrecover::match
