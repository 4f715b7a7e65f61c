#pragma once
#include <opencv2/core.hpp>

#include "core/image/image.h"

namespace filmrecover::align {

//! The largest axis-aligned rectangle of non-zero pixels of a CV_8U mask (histogram and
//! stack method, O(width x height)); empty when the mask has none.
Rect largestRectangle(const cv::Mat& mask);

//! Source pixels (CV_8U, 255) that hold picture in both elements: inside the source's
//! picture area and, through `referenceToSource`, inside the reference's, `margin` pixels
//! in from either edge (interpolation and soft edges).
cv::Mat validPictureMask(int width, int height, const Rect& sourceArea, const Rect& referenceArea,
                         const cv::Matx33d& referenceToSource, int margin = 2);

//! Rows holding burned-in subtitles or captions on one element only: in the top 15% or
//! bottom 40% of `area`, rows where one element's fine edge energy exceeds the other's by
//! far more than elsewhere in the frame. Marks them (and a few rows around) 0 in `mask`;
//! returns how many rows were removed.
int removeCaptionRows(const cv::Mat& srcLuma, const cv::Mat& alignedRefLuma, const Rect& area, cv::Mat& mask);

}  // namespace filmrecover::align
