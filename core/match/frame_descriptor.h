#pragma once
#include <array>
#include <cstdint>

#include <opencv2/core.hpp>

#include "core/image/image.h"

namespace filmrecover::match {

//! Side of the coarse descriptor grid (16 x 16 ranks of the central picture).
constexpr int kCoarseSide = 16;
//! Side of the fine thumbnail (128 x 128 luma of the whole picture area).
constexpr int kFineSide = 128;

//! What one frame looks like, independent of colour, tone curve, resolution and aspect.
//! - `coarse`: ranks of a 16x16 area-averaged luma grid of the central picture (8% inset
//!   from the picture area, which absorbs overscan and reframing), centred and scaled to
//!   unit length, so the dot product of two is Spearman's rank correlation: any monotonic
//!   tone change (fade, gamma, contrast, B/W) leaves it unchanged.
//! - `fine`: 64x64 luma of the whole picture area (min-max stretched to 8 bits); used,
//!   after registering one element's thumbnails onto the other's, to tell neighbouring
//!   frames apart.
//! - `comb`: interlace combing score (see combScore); high on field-mixed frames.
struct FrameDescriptor {
  int frame = 0;                                     //!< frame number in its source
  std::array<float, kCoarseSide * kCoarseSide> coarse{};  //!< unit-length centred ranks
  std::array<std::uint8_t, kFineSide * kFineSide> fine{};  //!< picture-area luma thumbnail
  float comb = 0;      //!< interlace combing score (ratio; ~<1 progressive, >1.5 combed)
  float meanLuma = 0;  //!< mean luma of the picture area
};

//! Describes one frame from its full-resolution luma and the picture area of its element
//! (in the same pixel grid).
FrameDescriptor describeFrame(const cv::Mat& luma, const Rect& activeArea, int frame);

//! Interlace combing: mean |second difference| between adjacent rows over the same
//! measure between rows two apart. Progressive pictures are smooth at one-row spacing
//! (ratio well under 1); a frame woven from fields of two moments is not.
float combScore(const cv::Mat& luma);

//! Spearman correlation of two coarse descriptors (their dot product), in [-1, 1].
float coarseSimilarity(const FrameDescriptor& a, const FrameDescriptor& b);

//! The fine thumbnail as CV_32F in [0, 1].
cv::Mat fineThumbnail(const FrameDescriptor& d);

}  // namespace filmrecover::match
