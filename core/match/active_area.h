#pragma once
#include <vector>

#include <opencv2/core.hpp>

#include "core/image/image.h"

namespace filmrecover::match {

//! Thresholds of black-border detection. A row or column belongs to a border when it is
//! dark and flat: letterbox bars, pillarbox bars, the black surround of an overscan scan.
struct BorderOptions {
  float darkLevel = 0.12f;  //!< mean luma at or below this counts as dark
  float flatLevel = 0.03f;  //!< standard deviation at or below this counts as flat
  float insetFraction = 0.01f;  //!< extra margin removed inside the detected picture (soft edges)
};

//! The picture area of one frame: `luma` without its dark flat borders, in luma pixels.
Rect detectActiveArea(const cv::Mat& luma, const BorderOptions& options = {});

//! The picture area of a whole element from the areas of sampled frames: for each edge the
//! 20th percentile of the border thicknesses, so a few dark scenes (which look like border)
//! or a subtitle inside a bar do not move it. `areas` must be in the same pixel grid.
Rect combineActiveAreas(const std::vector<Rect>& areas, int width, int height);

//! `area` (in a grid of fromW x fromH) expressed in a grid of toW x toH.
Rect scaleRect(const Rect& area, int fromW, int fromH, int toW, int toH);

//! `area` shrunk by `fraction` of its size on every side.
Rect insetRect(const Rect& area, float fraction);

}  // namespace filmrecover::match
