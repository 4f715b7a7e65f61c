#pragma once
#include <vector>

#include "core/match/gapped_alignment.h"

namespace filmrecover::match {

//! Widens the band of the second pass after every jump in time inside a shot (a
//! censorship cut: AxisEvents::softStart) that the band reaches, so the alignment can
//! gap over the frames the other element still has. The first pass cannot place such a
//! gap where the shot barely moves (frames a few seconds apart still look alike, so its
//! path runs straight across), and the band around it is only a few frames wide.
//! After a jump at reference row i0, rows i0 .. the end of that reference shot may reach
//! up to `reach` columns further right (not past the end of the source shot); after a
//! jump at source column j0, the rows from the first one whose band holds j0 to the end of
//! their reference shot may reach up to `reach` columns further left (not before j0).
void widenBandAtTimeJumps(std::vector<BandRow>& band, int cols, const AxisEvents& refEvents,
                          const AxisEvents& srcEvents, int reach);

}  // namespace filmrecover::match
