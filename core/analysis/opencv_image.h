#pragma once
// Views of Image pixels as OpenCV matrices, for the metrics that use OpenCV algorithms.
#include <opencv2/core.hpp>

#include "core/image/image.h"

namespace filmrecover::analysis {

//! A CV_32FC(channels) header over the pixels of `image` (no copy; valid while it lives).
inline cv::Mat matView(const Image& image) {
  return cv::Mat(image.height, image.width, CV_32FC(image.channels),
                 const_cast<float*>(image.pixels.data()));
}

//! Rec.709 luma of an RGB image as a CV_32FC1 matrix.
cv::Mat lumaMat(const Image& image);

}  // namespace filmrecover::analysis
