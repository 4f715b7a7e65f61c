#pragma once
#include <opencv2/core.hpp>

#include "core/image/image.h"

namespace filmrecover::match {

//! Rec.709 luma of `image` as a single-channel CV_32F matrix (a copy). One-channel images
//! are taken as luma already; a fourth channel (alpha) is ignored. Matching and alignment
//! work on luma only, so that a faded print, a B/W element and a colour reference compare.
cv::Mat lumaOf(const Image& image);

//! Area-averaged downscale of `luma` so its width is at most `maxWidth` (aspect kept);
//! returns `luma` itself when it is already small enough.
cv::Mat shrinkToWidth(const cv::Mat& luma, int maxWidth);

//! Maps the values of `moving` through a monotonic curve so that their distribution
//! matches `fixed` (CDF matching, computed over the optional masks). Makes a faded or
//! differently graded element comparable to the other without assuming a linear relation.
cv::Mat matchHistogram(const cv::Mat& moving, const cv::Mat& fixed,
                       const cv::Mat& movingMask = cv::Mat(), const cv::Mat& fixedMask = cv::Mat());

}  // namespace filmrecover::match
