#pragma once
// QCustomPlot with Qt keywords off (the project builds with QT_NO_KEYWORDS because LibTorch
// uses `slots` as a name): its header writes `signals:` and `foreach`, mapped here for it alone.
#ifndef signals
#define FILMRECOVER_DEFINED_SIGNALS
#define signals Q_SIGNALS
#endif
#ifndef foreach
#define FILMRECOVER_DEFINED_FOREACH
#define foreach Q_FOREACH
#endif
#include <qcustomplot.h>
#ifdef FILMRECOVER_DEFINED_SIGNALS
#undef signals
#undef FILMRECOVER_DEFINED_SIGNALS
#endif
#ifdef FILMRECOVER_DEFINED_FOREACH
#undef foreach
#undef FILMRECOVER_DEFINED_FOREACH
#endif

namespace filmrecover::ui {

//! Colours of the plots, matched to the workstation's dark palette.
struct PlotTheme {
  QColor background{0x20, 0x20, 0x23};
  QColor axis{0x8a, 0x8a, 0x92};
  QColor grid{0x38, 0x38, 0x3c};
  QColor text{0xc8, 0xc8, 0xcc};
  QColor accent{0x4a, 0x9e, 0xe8};
  QColor warning{0xe8, 0x9a, 0x3c};
  QColor bad{0xe0, 0x55, 0x55};
  QColor good{0x6c, 0xc0, 0x6c};
};

//! Applies the dark theme to a plot: background, axes, ticks, grid, legend.
void applyPlotTheme(QCustomPlot* plot, const PlotTheme& theme = PlotTheme());

}  // namespace filmrecover::ui
