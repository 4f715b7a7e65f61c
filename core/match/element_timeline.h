#pragma once
#include <vector>

#include "core/match/descriptor_set.h"
#include "core/match/gapped_alignment.h"

namespace filmrecover::match {

//! Thresholds of the timeline analysis of one element (motion in fine-thumbnail pixels).
struct TimelineOptions {
  float minMotion = 0.02f;     //!< below this typical motion (thumbnail px per frame) a shot counts as still
  float maxStepNoise = 0.4f;   //!< ... or where the steps of the neighbours scatter more than this (sigma)
  float maxShotStepNoise = 0.3f; //!< ... or where they do so, by median over the shot, more than this
  float duplicateRatio = 0.35f; //!< under this many steps of the typical motion: a repeated frame
  float jumpRatio = 1.6f;      //!< over this many steps: a frame lost
  float timeJumpSteps = 2.6f;  //!< over this many steps: a jump in time (a cut inside the shot)
  float minEventSigmas = 3.5f; //!< a repeat or loss must lie this many noise sigmas from a normal step
  float repeatChangeRatio = 0.5f; //!< a repeat next to a lost frame must change its picture less than this part of the usual
  float softStartRatio = 4.0f; //!< picture change over this multiple of the typical one: also a jump in time
  float combFlag = 1.5f;       //!< comb score over this multiple of the element's median: a blend
  int threads = 0;             //!< registration threads, 0 = all cores
};

//! What an element's own frames tell about its timeline: hard cuts, repeated frames,
//! lost frames (the picture moves twice as far as around it), jumps in time and field
//! blends. Motion is the sub-pixel affine registration of consecutive fine thumbnails
//! (frame_motion.h), compared with the typical motion of the neighbouring frames of the
//! same shot; `motion` receives its RMS size per frame (-1 where none was measured).
//! `unreadable` frames (from detectCuts) are left out of every motion; the step over one
//! is not measured.
AxisEvents analyseTimeline(const DescriptorSet& set, const std::vector<int>& cuts,
                           const TimelineOptions& options = {}, std::vector<float>* motion = nullptr,
                           const std::vector<int>& unreadable = {});

}  // namespace filmrecover::match
