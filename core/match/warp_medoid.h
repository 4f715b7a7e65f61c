#pragma once
#include <vector>

#include <opencv2/core.hpp>

namespace filmrecover::match {

//! The framing on which most of `warps` (2x3, CV_32F, source thumbnail -> reference
//! thumbnail) agree: the medoid (least sum of warpDistance to the others, each capped at
//! `cap` thumbnail pixels so that far failures count alike), then the element-wise median
//! of the warps within `cap` of it; identity when there is none.
//! Registrations of single pairs fall into clusters (the right framing, and ECC runs that
//! stopped in another optimum, e.g. one that missed an anamorphic squeeze). A per-element
//! median mixes the clusters into a warp nobody measured (the scale of one with the
//! translation of another, tens of pixels off); the median is taken inside the largest
//! tight cluster only.
cv::Mat medoidWarp(const std::vector<cv::Mat>& warps, double cap = 4.0);

}  // namespace filmrecover::match
