#pragma once
#include <string>
#include <vector>

namespace filmrecover::report {

//! One data series of a plot.
struct PlotSeries {
  std::string name;           //!< legend text
  std::vector<double> x, y;   //!< same length; non-finite points break the line
  std::string color;          //!< CSS colour; "" = the next colour of the palette
  bool line = true;           //!< join the points
  bool markers = false;       //!< draw a dot per point
  bool dashed = false;        //!< dashed line (e.g. a baseline or a threshold)
  double width = 1.8;         //!< line width in px
};

//! A point to call out (e.g. a frame flagged by alignment): a red ring with a tooltip.
struct PlotFlag {
  double x = 0, y = 0;
  std::string label;
};

//! One axis.
struct PlotAxis {
  std::string label;
  bool log = false;         //!< log-10 scale (non-positive values are left out)
  bool fixedRange = false;  //!< use min/max as given instead of the data's range
  double min = 0, max = 1;
};

//! A line / scatter plot rendered as inline SVG: axes with nice ticks, grid, labels,
//! legend, several series, flagged points, optional horizontal reference lines.
struct PlotSpec {
  std::string title;
  PlotAxis x, y;
  std::vector<PlotSeries> series;
  std::vector<PlotFlag> flags;
  std::vector<double> referenceLines;      //!< horizontal lines at these y values
  std::vector<std::string> referenceLabels;  //!< one label per reference line (may be shorter)
  int width = 640, height = 300;           //!< SVG size in px
};

//! The plot as a standalone <svg> element (UTF-8, no scripts, no external references).
//! An empty plot (no finite points) still draws its frame and says "no data".
std::string renderSvgPlot(const PlotSpec& spec);

//! The colour palette used for series without a colour (colour-blind safe, Okabe-Ito order).
const std::vector<std::string>& plotPalette();

}  // namespace filmrecover::report
