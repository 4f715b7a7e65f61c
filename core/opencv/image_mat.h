#pragma once
// The one bridge between filmrecover's Image (float, interleaved, channels in R, G, B order)
// and OpenCV matrices. Channel order stays R, G, B both ways: a caller that hands a matrix to
// an OpenCV function that expects B, G, R (imencode, imwrite) swaps it itself.
#include <opencv2/core.hpp>

#include "core/image/image.h"

namespace filmrecover {

//! A CV_32FC(channels) header over the pixels of `image` (no copy; valid while it lives and
//! is not resized). For read-only use by OpenCV functions.
inline cv::Mat matView(const Image& image) {
  return cv::Mat(image.height, image.width, CV_32FC(image.channels), const_cast<float*>(image.pixels.data()));
}

//! A CV_32FC(channels) copy of `image`, every channel kept.
cv::Mat toMat(const Image& image);

//! A copy for colour work: CV_32FC1 for a one-channel image, otherwise CV_32FC3 with the
//! first three channels (alpha dropped; a two-channel image repeats its second channel).
cv::Mat toRgbMat(const Image& image);

//! An Image of `mat`'s size and channels; values converted to float when the matrix is not
//! CV_32F (no scaling), a non-continuous matrix (a ROI) copied row by row.
Image fromMat(const cv::Mat& mat);

//! Rec.709 luma (luma709, core/color/ycbcr.h) of `image` as a CV_32FC1 matrix (a copy). An
//! image with fewer than three channels is taken as luma already (its first channel).
cv::Mat lumaMat(const Image& image);

}  // namespace filmrecover
