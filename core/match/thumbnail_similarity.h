#pragma once
#include <vector>

#include <opencv2/core.hpp>

#include "core/match/frame_descriptor.h"

namespace filmrecover::match {

//! Affine warp (2x3, CV_32F) that maps source-thumbnail coordinates to reference-thumbnail
//! coordinates, estimated by ECC between the band-passed fine thumbnails of one pair (the
//! reference's tones first mapped onto the source's; thumbnail borders left out). Absorbs
//! reframing, overscan, letterbox and anamorphic differences left after the picture areas
//! were matched. ECC starts from `initial` (identity when empty; a framing known roughly
//! lets it converge where the picture areas differ by more than a few pixels, e.g. an
//! anamorphic letterboxed SD transfer). Identity (or `initial`) when ECC fails or moves
//! far from where it started; `correlation` receives its final value (or -1).
cv::Mat registerThumbnails(const FrameDescriptor& source, const FrameDescriptor& reference,
                           double* correlation = nullptr, const cv::Mat& initial = cv::Mat());

//! RMS displacement, in thumbnail pixels, between the points that two thumbnail warps
//! (2x3, CV_32F) give for a grid over the thumbnail's interior: how far apart two framings
//! put the picture.
double warpDistance(const cv::Mat& a, const cv::Mat& b);

//! Source-thumbnail pixels that `warp` maps inside the reference thumbnail (and that lie
//! inside the source thumbnail), both with a border margin: where fine similarity is taken.
cv::Mat overlapMask(const cv::Mat& warp);

//! Band-passed, zero-mean, unit-length vector of a fine thumbnail's pixels under `mask`
//! (from overlapMask), resampled through `warp` (from registerThumbnails) first when given.
//! The dot product of two is the fine similarity: it follows texture and edges, not tone,
//! and changes from one frame to the next as the picture moves.
std::vector<float> fineVector(const FrameDescriptor& d, const cv::Mat& mask, const cv::Mat& warp = cv::Mat());

//! The same over the central part of the thumbnail (for comparing frames of one element).
std::vector<float> fineVector(const FrameDescriptor& d);

//! Dot product of two fine vectors.
float fineSimilarity(const std::vector<float>& a, const std::vector<float>& b);

}  // namespace filmrecover::match
