#include "ui/panels/train/loss_plot.h"

#include <QSaveFile>
#include <algorithm>
#include <cmath>

#include "ui/panels/train/loss_axis_ticker.h"

namespace filmrecover::ui {

LossPlot::LossPlot(QWidget* parent) : QCustomPlot(parent) {
  applyPlotTheme(this);
  xAxis->setLabel(QStringLiteral("step"));
  yAxis->setLabel(QStringLiteral("loss"));
  legend->setVisible(true);
  legend->setFont(QFont(font().family(), 8));
  axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  setLogScale(true);
  replotTimer_.setSingleShot(true);
  replotTimer_.setInterval(100);
  connect(&replotTimer_, &QTimer::timeout, this, [this]() { redraw(QCustomPlot::rpQueuedReplot); });
  connect(this, &QCustomPlot::afterReplot, this, [this]() { ++replots_; });
  setMinimumHeight(120);
}

void LossPlot::redraw(QCustomPlot::RefreshPriority priority) {
  if (dirtyRange_) {
    rescaleAxes(true);
    if (logScale_) {  // keep a decade of headroom and no zero
      QCPRange r = yAxis->range();
      yAxis->setRange(std::max(r.lower * 0.7, 1e-9), r.upper * 1.4);
    }
    dirtyRange_ = false;
  }
  replot(priority);
}

QColor LossPlot::runColor(qint64 run) const {
  static const QColor palette[] = {{0x4a, 0x9e, 0xe8}, {0xe8, 0x9a, 0x3c}, {0x6c, 0xc0, 0x6c}, {0xc0, 0x6c, 0xd0},
                                   {0xe0, 0x55, 0x55}, {0x4a, 0xc8, 0xc8}, {0xd8, 0xd0, 0x5a}, {0xa0, 0xa4, 0xac}};
  return palette[std::abs(run) % 8];
}

LossPlot::Curve& LossPlot::curve(qint64 run, const QString& metric) {
  Curve& c = curves_[{run, metric}];
  if (!c.graph) {
    c.graph = addGraph();
    const bool holdout = metric.contains(QLatin1String("hold"), Qt::CaseInsensitive) ||
                         metric.contains(QLatin1String("val"), Qt::CaseInsensitive);
    // One-pixel pens: Qt's raster engine draws them on its fast path. A 1.3 px pen went
    // through the general stroker and cost 30 ms per 100,000-step curve on each redraw.
    QPen pen(runColor(run), 1.0);
    if (holdout) pen.setStyle(Qt::DashLine);
    c.graph->setPen(pen);
    c.holdout = holdout;
    const QString label = metric == QLatin1String("train_loss")     ? QStringLiteral("train")
                          : metric == QLatin1String("holdout_loss") ? QStringLiteral("hold-out")
                                                                    : metric;
    c.graph->setName(QStringLiteral("run %1 · %2").arg(run).arg(label));
    c.graph->setAdaptiveSampling(true);
  }
  return c;
}

void LossPlot::updateMarkers(Curve& c) {
  // Hold-out points are marked while they can be told apart; past that the circles only
  // cost drawing time (about 8 ms per 1,000) and the dashed line says the same.
  const bool marked = c.holdout && c.graph->dataCount() <= kMaxMarkedPoints;
  if (marked == (c.graph->scatterStyle().shape() != QCPScatterStyle::ssNone)) return;
  c.graph->setScatterStyle(marked ? QCPScatterStyle(QCPScatterStyle::ssCircle, c.graph->pen().color(), 4)
                                  : QCPScatterStyle(QCPScatterStyle::ssNone));
}

void LossPlot::rebuild(Curve& c) {
  QVector<double> keys, values;
  keys.reserve(int(c.raw.size()));
  values.reserve(int(c.raw.size()));
  // Exponential moving average, debiased like TensorBoard so the start is not dragged to 0.
  double ema = 0, weight = 0;
  for (const auto& [step, value] : c.raw) {
    if (!std::isfinite(value)) continue;
    const double v = logScale_ ? std::log(std::max(value, 1e-12)) : value;
    ema = smoothing_ * ema + (1 - smoothing_) * v;
    weight = smoothing_ * weight + (1 - smoothing_);
    const double s = ema / weight;
    keys << step;
    values << (logScale_ ? std::exp(s) : s);
  }
  c.graph->setData(keys, values, true);
  c.ema = ema;
  c.weight = weight;
  updateMarkers(c);
}

void LossPlot::addPoint(qint64 run, const QString& metric, int step, double value) {
  Curve& c = curve(run, metric);
  if (c.raw.empty() || step >= c.raw.back().first) {
    // Appending (the usual live case): one more smoothed point, O(1).
    c.raw.emplace_back(step, value);
    if (std::isfinite(value)) {
      const double v = logScale_ ? std::log(std::max(value, 1e-12)) : value;
      c.ema = smoothing_ * c.ema + (1 - smoothing_) * v;
      c.weight = smoothing_ * c.weight + (1 - smoothing_);
      const double smoothed = c.ema / c.weight;
      c.graph->addData(step, logScale_ ? std::exp(smoothed) : smoothed);
      updateMarkers(c);
    }
  } else {
    c.raw.insert(std::upper_bound(c.raw.begin(), c.raw.end(), std::make_pair(step, value),
                                  [](auto& a, auto& b) { return a.first < b.first; }),
                 {step, value});
    rebuild(c);
  }
  dirtyRange_ = true;
  scheduleReplot();
}

void LossPlot::setSeries(qint64 run, const QString& metric, const std::vector<std::pair<int, double>>& samples) {
  Curve& c = curve(run, metric);
  c.raw = samples;
  std::stable_sort(c.raw.begin(), c.raw.end(), [](auto& a, auto& b) { return a.first < b.first; });
  rebuild(c);
  dirtyRange_ = true;
  scheduleReplot();
}

void LossPlot::removeRun(qint64 run) {
  for (auto it = curves_.begin(); it != curves_.end();) {
    if (it->first.first == run) {
      removeGraph(it->second.graph);
      it = curves_.erase(it);
    } else {
      ++it;
    }
  }
  dirtyRange_ = true;
  scheduleReplot();
}

void LossPlot::clearRuns() {
  clearGraphs();
  curves_.clear();
  scheduleReplot();
}

std::vector<qint64> LossPlot::runs() const {
  std::vector<qint64> out;
  for (const auto& [key, c] : curves_)
    if (out.empty() || out.back() != key.first) out.push_back(key.first);
  return out;
}

std::vector<std::pair<int, double>> LossPlot::samples(qint64 run, const QString& metric) const {
  auto it = curves_.find({run, metric});
  return it == curves_.end() ? std::vector<std::pair<int, double>>{} : it->second.raw;
}

void LossPlot::setSmoothing(double weight) {
  smoothing_ = std::clamp(weight, 0.0, 0.99);
  for (auto& [key, c] : curves_) rebuild(c);
  scheduleReplot();
}

void LossPlot::setLogScale(bool on) {
  logScale_ = on;
  if (on) {
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> ticker(new LossAxisTicker);
    yAxis->setTicker(ticker);
    yAxis->setNumberFormat(QStringLiteral("eb"));
    yAxis->setNumberPrecision(0);
  } else {
    yAxis->setScaleType(QCPAxis::stLinear);
    yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    yAxis->setNumberFormat(QStringLiteral("g"));
    yAxis->setNumberPrecision(3);
  }
  for (auto& [key, c] : curves_) rebuild(c);
  dirtyRange_ = true;
  scheduleReplot();
}

void LossPlot::scheduleReplot() {
  if (!replotTimer_.isActive()) replotTimer_.start();
}

bool LossPlot::exportCsv(const QString& path) const {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) return false;
  QByteArray text("run,metric,step,value\n");
  for (const auto& [key, c] : curves_)
    for (const auto& [step, value] : c.raw)
      text += QStringLiteral("%1,%2,%3,%4\n").arg(key.first).arg(key.second).arg(step).arg(value, 0, 'g', 9).toUtf8();
  return file.write(text) == text.size() && file.commit();
}

bool LossPlot::exportPng(const QString& path) {
  replot(QCustomPlot::rpImmediateRefresh);
  return savePng(path, std::max(width(), 640), std::max(height(), 360), 2.0);
}

}  // namespace filmrecover::ui
