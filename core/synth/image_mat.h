#pragma once
#include <string>

#include <opencv2/core.hpp>

#include "core/image/image.h"

namespace filmrecover::synth {

//! Copies an RGB Image into a CV_32FC3 matrix (channel order stays R,G,B).
cv::Mat toMat(const Image& image);
//! Copies a CV_32FC3 (or CV_32FC1) matrix in R,G,B order into an Image.
Image fromMat(const cv::Mat& mat);
//! Writes `image` as a 16-bit PNG (or 8-bit JPEG when the name ends in .jpg), atomically:
//! a temporary file in the same folder renamed over the target.
void writeImageFile(const std::string& path, const Image& image, int jpegQuality = 90);

}  // namespace filmrecover::synth
