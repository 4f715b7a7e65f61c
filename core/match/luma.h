#pragma once
// Luma matrices as matching and alignment use them. Matching and alignment work on luma
// only (lumaMat, core/opencv/image_mat.h), so that a faded print, a B/W element and a
// colour reference compare.
#include <opencv2/core.hpp>

namespace filmrecover::match {

//! Area-averaged downscale of `luma` so its width is at most `maxWidth` (aspect kept);
//! returns `luma` itself when it is already small enough.
cv::Mat shrinkToWidth(const cv::Mat& luma, int maxWidth);

//! Maps the values of `moving` through a monotonic curve so that their distribution
//! matches `fixed` (CDF matching, computed over the optional masks). Makes a faded or
//! differently graded element comparable to the other without assuming a linear relation.
cv::Mat matchHistogram(const cv::Mat& moving, const cv::Mat& fixed,
                       const cv::Mat& movingMask = cv::Mat(), const cv::Mat& fixedMask = cv::Mat());

}  // namespace filmrecover::match
