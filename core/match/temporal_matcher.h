#pragma once
#include "core/exec/cancel_token.h"
#include "core/match/descriptor_set.h"
#include "core/match/mapping.h"
#include "core/match/match_options.h"

namespace filmrecover::match {

//! The temporal overlap of two described elements (the engine of matchSources, exposed so
//! that it can be tested and benchmarked on descriptors alone):
//! 1. scene cuts on each side;
//! 2. a first pass of the gapped monotonic alignment on the coarse (rank) similarity,
//!    subsampled when the elements are longer than `maxCoarseGrid`;
//! 3. per matched stretch, the reference thumbnails registered onto the source's;
//! 4. a second pass on the fine similarity in a band around the first, frame-accurate;
//! 5. one pair per source frame, flags, unmatched ranges, segments, rate and offset.
//! `timecodeOffset` (reference frame minus source frame, from timecodes) biases step 2
//! when `hasTimecodeOffset`. Frame numbers in the result are the elements' own numbers.
Mapping matchDescriptors(const DescriptorSet& source, const DescriptorSet& reference,
                         const MatchOptions& options, const CancelToken& cancel = {},
                         bool hasTimecodeOffset = false, double timecodeOffset = 0);

}  // namespace filmrecover::match
