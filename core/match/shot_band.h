#pragma once
#include <utility>
#include <vector>

#include "core/match/gapped_alignment.h"

namespace filmrecover::match {

//! Widens the band of the second pass to whole shots. The first pass places a frame only
//! to within the plateau of its rank correlation, and in a flat or slow shot that plateau
//! is the shot (seen 19 frames off after a censorship cut that the reference's cut
//! detection took for a hard cut). Which shots show the same scene is far more certain
//! than where inside them: so every row of a reference shot that one of `links` (cells
//! (row, col) of the first path, full-resolution indices) falls into may reach every
//! column of the source shots linked to that reference shot. A reference shot linked to
//! source shots spanning more than `maxSpan` columns in all (a path jumping between
//! distant shots) is left as it is. A reference shot with no link that lies between two
//! linked ones may reach from the first column of the one before to the last of the one
//! after (the same limit applies).
void widenBandToLinkedShots(std::vector<BandRow>& band, const std::vector<std::pair<int, int>>& links,
                            const std::vector<bool>& rowStart, const std::vector<bool>& colStart, int maxSpan);

}  // namespace filmrecover::match
