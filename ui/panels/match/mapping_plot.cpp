#include "ui/panels/match/mapping_plot.h"

#include <cmath>
#include <limits>

namespace filmrecover::ui {

namespace {
QCPGraph* dotGraph(QCustomPlot* plot, const QColor& color, const QString& name, double size) {
  QCPGraph* g = plot->addGraph();
  g->setLineStyle(QCPGraph::lsNone);
  g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, size));
  g->setName(name);
  return g;
}
}  // namespace

MappingPlot::MappingPlot(QWidget* parent) : QCustomPlot(parent) {
  PlotTheme theme;
  applyPlotTheme(this, theme);
  xAxis->setLabel(QStringLiteral("source frame"));
  yAxis->setLabel(QStringLiteral("reference frame"));
  usable_ = dotGraph(this, theme.accent, QStringLiteral("matched"), 4);
  weak_ = dotGraph(this, theme.warning, QStringLiteral("weak (< 0.6)"), 4);
  flagged_ = dotGraph(this, theme.bad, QStringLiteral("flagged"), 5);
  current_ = addGraph();
  current_->setLineStyle(QCPGraph::lsNone);
  current_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::white, 1.5), Qt::NoBrush, 11));
  current_->removeFromLegend();
  legend->setVisible(true);
  legend->setFont(QFont(font().family(), 8));
  axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
  for (QCPAxis* axis : {xAxis, yAxis}) {  // frame numbers: whole steps only
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(ticker);
  }
  setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  connect(this, &QCustomPlot::mousePress, this, &MappingPlot::onClick);
  setMinimumHeight(120);
}

void MappingPlot::setMapping(const match::Mapping& mapping) {
  mapping_ = mapping;
  QVector<double> ux, uy, wx, wy, fx, fy;
  for (const auto& p : mapping.pairs) {
    if (p.flagged()) {
      fx << p.source;
      fy << p.reference;
    } else if (p.confidence < 0.6f) {
      wx << p.source;
      wy << p.reference;
    } else {
      ux << p.source;
      uy << p.reference;
    }
  }
  usable_->setData(ux, uy, true);
  weak_->setData(wx, wy, true);
  flagged_->setData(fx, fy, true);
  clearItems();
  PlotTheme theme;
  // Cuts of the source as dashed vertical lines; unmatched source ranges as shaded bands.
  for (int cut : mapping.sourceCuts) {
    auto* line = new QCPItemStraightLine(this);
    line->point1->setCoords(cut - 0.5, 0);
    line->point2->setCoords(cut - 0.5, 1);
    line->setPen(QPen(theme.axis, 1, Qt::DashLine));
  }
  for (const auto& range : mapping.unmatchedSource) {
    auto* band = new QCPItemRect(this);
    band->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    band->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    band->topLeft->setCoords(range.first - 0.5, 0);
    band->bottomRight->setCoords(range.last + 0.5, 1);
    band->setPen(Qt::NoPen);
    QColor shade = theme.bad;
    shade.setAlpha(40);
    band->setBrush(shade);
  }
  if (!mapping.pairs.empty()) {
    int x0 = mapping.pairs.front().source, x1 = mapping.pairs.back().source;
    int y0 = std::numeric_limits<int>::max(), y1 = std::numeric_limits<int>::min();
    for (const auto& p : mapping.pairs) {
      y0 = std::min(y0, p.reference);
      y1 = std::max(y1, p.reference);
    }
    for (const auto& r : mapping.unmatchedSource) {
      x0 = std::min(x0, r.first);
      x1 = std::max(x1, r.last);
    }
    const double mx = std::max(1.0, (x1 - x0) * 0.03), my = std::max(1.0, (y1 - y0) * 0.05);
    xAxis->setRange(x0 - mx, x1 + mx);
    yAxis->setRange(y0 - my, y1 + my);
  }
  replot(QCustomPlot::rpQueuedReplot);
}

void MappingPlot::setCurrent(int sourceFrame) {
  const match::FramePair* p = sourceFrame >= 0 ? mapping_.pairForSource(sourceFrame) : nullptr;
  if (p) current_->setData({double(p->source)}, {double(p->reference)});
  else current_->data()->clear();
  replot(QCustomPlot::rpQueuedReplot);
}

int MappingPlot::usableCount() const { return usable_->dataCount() + weak_->dataCount(); }
int MappingPlot::flaggedCount() const { return flagged_->dataCount(); }

void MappingPlot::onClick(QMouseEvent* event) {
  if (mapping_.pairs.empty()) return;
  const double x = xAxis->pixelToCoord(event->position().x());
  const match::FramePair* best = nullptr;
  double bestDistance = std::numeric_limits<double>::max();
  for (const auto& p : mapping_.pairs) {
    const double d = std::abs(p.source - x);
    if (d < bestDistance) {
      bestDistance = d;
      best = &p;
    }
  }
  const double pixelsPerFrame = std::abs(xAxis->coordToPixel(1) - xAxis->coordToPixel(0));
  if (best && bestDistance * pixelsPerFrame < 12) Q_EMIT pairClicked(best->source);
}

}  // namespace filmrecover::ui
