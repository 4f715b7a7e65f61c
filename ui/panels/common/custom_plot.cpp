#include "ui/panels/common/custom_plot.h"

namespace filmrecover::ui {

void applyPlotTheme(QCustomPlot* plot, const PlotTheme& theme) {
  plot->setBackground(theme.background);
  plot->axisRect()->setBackground(theme.background);
  for (QCPAxis* axis : plot->axisRect()->axes()) {
    axis->setBasePen(QPen(theme.axis));
    axis->setTickPen(QPen(theme.axis));
    axis->setSubTickPen(QPen(theme.axis));
    axis->setTickLabelColor(theme.text);
    axis->setLabelColor(theme.text);
    axis->grid()->setPen(QPen(theme.grid, 1, Qt::DotLine));
    axis->grid()->setSubGridVisible(false);
    axis->grid()->setZeroLinePen(Qt::NoPen);
  }
  plot->legend->setBrush(QColor(0x1c, 0x1c, 0x1e, 220));
  plot->legend->setBorderPen(QPen(theme.grid));
  plot->legend->setTextColor(theme.text);
}

}  // namespace filmrecover::ui
