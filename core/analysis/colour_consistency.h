#pragma once
// Colour distribution consistency (CDC): how steadily the colour distribution of a
// sequence evolves from frame to frame. Liu et al. 2021 ("Temporally consistent video
// colorization with deep feature propagation and self-regularization learning") define it
// as the Jensen-Shannon divergence of the per-channel 256-bin histograms of frames t and
// t+d, averaged over the frames, the R, G, B channels and the steps d = 1, 2, 4. A
// flickering colour drifts the histograms; a steady sequence keeps them close (a camera
// move changes them a little: compare the figure with the reference's own).
#include <array>
#include <vector>

#include "core/image/image.h"

namespace filmrecover::analysis {

//! Bins of each channel's histogram: the 8-bit code values, as in the published measure.
constexpr int kCdcBins = 256;
//! The frame steps the measure averages over.
constexpr std::array<int, 3> kCdcSteps = {1, 2, 4};

//! Normalised histograms of R, G and B (each sums to 1; values are clamped to [0, 1] and
//! rounded to the 8-bit code, so a frame read from an 8-bit file bins exactly as its codes).
struct ChannelHistograms {
  std::array<std::vector<double>, 3> channel;
};

//! The histograms of the first three channels of `image` (which must have at least three).
ChannelHistograms channelHistograms(const Image& image);

//! Jensen-Shannon divergence of two distributions of the same length (natural logarithm,
//! so it lies in [0, ln 2]: 0 for equal distributions, ln 2 for disjoint ones). Bins where
//! both are 0 contribute nothing. Throws InputError for lengths that differ.
double jensenShannon(const std::vector<double>& p, const std::vector<double>& q);

//! Mean over R, G and B of the Jensen-Shannon divergence of two frames' histograms.
double histogramDivergence(const ChannelHistograms& a, const ChannelHistograms& b);

//! CDC of a sequence, overall and per step.
struct CdcResult {
  double cdc = 0;                   //!< mean over the steps that had pairs
  std::array<double, 3> byStep{};   //!< mean divergence at d = 1, 2, 4
  std::array<int, 3> pairs{};       //!< pairs measured at each step
  bool measured() const { return pairs[0] + pairs[1] + pairs[2] > 0; }
};

//! Index of the shot `frame` belongs to, given the first frame of every shot after the
//! first (`cuts`, any order): the number of cuts at or before it.
int shotIndexOf(int frame, const std::vector<int>& cuts);

//! CDC over `frames` (frame numbers, any order) with their histograms (same length): a pair
//! (f, f + d) counts when both frames are present and no cut lies between them (a cut
//! changes the picture, not the grade). Throws InputError for lengths that differ.
CdcResult colourDistributionConsistency(const std::vector<int>& frames, const std::vector<ChannelHistograms>& histograms,
                                        const std::vector<int>& cuts = {});

}  // namespace filmrecover::analysis
