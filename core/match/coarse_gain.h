#pragma once
#include <opencv2/core.hpp>

namespace filmrecover::match {

//! Gains of the first pass from its grid of rank similarities (rows = reference, cols =
//! source, CV_32F): similarity minus a threshold that is `threshold` where pictures
//! correlate well, but drops (not below `floor`) for a cell that is within `margin` of the
//! best of its row and of the best of its column.
//! A flat, low-contrast shot (fog, a wall, night) on a faded, damaged, compressed
//! element correlates with its own right frames only 0.3-0.5 (its 16x16 ranks are mostly
//! noise) while other shots score about 0; one fixed threshold drops the whole shot from
//! the first pass and the second pass then never looks there. A cell that both its row and
//! its column prefer is a match however low the correlation; a reference shot the source
//! lacks has a row best against some unrelated frame whose column prefers its own match,
//! so it gets no such help.
cv::Mat coarseGains(const cv::Mat& similarity, float threshold, float floor, float margin);

}  // namespace filmrecover::match
