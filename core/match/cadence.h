#pragma once
#include <vector>

namespace filmrecover::match {

//! The regular cadence of one kind of timeline event (repeated frames, lost frames), from
//! the events an element's timeline saw.
struct Cadence {
  double period = 0;   //!< frames between events
  bool valid = false;  //!< the seen events fit one period well enough to be used as a prior
};

//! Fits a period to sorted event positions. Real re-timings repeat or drop frames on a
//! fixed cadence over the whole element (24->25 by a repeat every 25 output frames, a
//! 25->24 standards conversion by a drop every 25 input frames), while a timeline also
//! misses events (still shots) and material removed before the transfer shifts the phase.
//! So the period is the one most gaps between neighbouring events are whole multiples of
//! (within one frame): valid with at least 4 events and 3 of 4 gaps fitting, else no prior.
Cadence estimateCadence(const std::vector<int>& events);

//! Marks the events a valid cadence predicts between two seen events whose gap is a
//! whole multiple (n >= 2) of the period within one frame, at the frames in between where
//! the timeline could not measure a step (`seen` false: a still shot, a flat or damaged
//! one) and no shot starts. Returns how many it added. Where the timeline measured a
//! normal step, or the gap does not fit the cadence (a cut shifted the phase), nothing.
int bridgeCadence(std::vector<bool>& events, const std::vector<bool>& seen, const std::vector<bool>& shotStart);

}  // namespace filmrecover::match
