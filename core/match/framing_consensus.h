#pragma once
#include <vector>

#include <opencv2/core.hpp>

#include "core/match/descriptor_set.h"

namespace filmrecover::match {

//! A pair believed to show about the same moment, for the framing consensus: reference
//! index `row`, source index `col`, and the source indices [colLo, colHi) of the same shot
//! (neighbours outside it show another scene and are not tried).
struct FramingProbe {
  int row = 0, col = 0;
  int colLo = 0, colHi = 0;
  int group = 0;  //!< the caller's label (e.g. the stretch of the path it came from)
};

//! Result of consensusFraming.
struct FramingConsensus {
  cv::Mat warp;        //!< source thumbnail -> reference thumbnail (2x3, CV_32F)
  int voters = 0;      //!< probes with at least one successful registration
  int agreeing = 0;    //!< voters with a candidate within the tolerance of `warp`
  bool valid = false;  //!< at least 3 voters, and a majority of them agreeing
  int initialAgreeing = 0;  //!< voters with a candidate within the tolerance of the initial warp
  //! Per probe: how many source frames from its `col` the candidate that agrees with
  //! `warp` lies (the probe's reference frame shows about the moment of source frame
  //! col + offset), or kNoOffset when none agrees. Only filled when the consensus improves.
  std::vector<int> offsets;
  static constexpr int kNoOffset = -1000000;
  //! Valid, or at least clearly better than the start (3+ agreeing, over twice as many
  //! as agree with the initial warp): worth taking and asking again. Probes taken from a
  //! path that a poor start put a frame off agree less than a majority on the first try.
  bool improves() const { return valid || (agreeing >= 3 && agreeing > 2 * initialAgreeing); }
};

//! The framing of the reference in the source (thumbnail warp) on which the most probes
//! agree exactly. Each probe's reference frame is registered (registerThumbnails, from
//! `initial`) onto the source frames col-reach .. col+reach of its shot. Inside a shot
//! that pans or zooms, the frame d frames away differs from the right one by d steps of
//! the camera's motion, so a probe offers a row of candidate warps, one of which is the
//! framing (when the probe is within `reach` frames of the right moment). The framing is
//! the same for every shot of a transfer while the camera motions differ, so the rows of
//! different shots cross only at the framing: it is the warp that the most probes come
//! within `tolerance` thumbnail pixels of at the thumbnail's centre (then the mean of their nearest
//! candidates, which also averages the noisier scale and rotation of single registrations).
//! A warp estimated from pairs that are themselves one frame off in panning shots is off
//! by one step of the pan, and pairs chosen with it are again one frame off; the consensus
//! does not inherit that bias. Still shots agree with every candidate and so neither help
//! nor hurt. Registrations run on `threads` threads.
FramingConsensus consensusFraming(const DescriptorSet& source, const DescriptorSet& reference,
                                  const std::vector<FramingProbe>& probes, const cv::Mat& initial,
                                  int reach = 2, double tolerance = 0.15, int threads = 0);

}  // namespace filmrecover::match
