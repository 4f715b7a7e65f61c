#pragma once
// The loss graph of training: train and hold-out loss per step, log scale, smoothing,
// several runs overlaid, exported as PNG or CSV. Live points are appended as they arrive
// and redrawn at most every 100 ms, so a fast training loop cannot flood the GUI.
#include <QTimer>
#include <map>
#include <vector>

#include "ui/panels/common/custom_plot.h"

namespace filmrecover::ui {

//! Multi-run loss plot.
class LossPlot : public QCustomPlot {
  Q_OBJECT
 public:
  explicit LossPlot(QWidget* parent = nullptr);

  //! Appends one sample of `metric` of `run` (steps may arrive in any order; kept sorted).
  void addPoint(qint64 run, const QString& metric, int step, double value);
  //! Replaces the samples of one metric of a run (e.g. loaded from the catalog).
  void setSeries(qint64 run, const QString& metric, const std::vector<std::pair<int, double>>& samples);
  //! Removes a run's curves.
  void removeRun(qint64 run);
  //! Removes everything.
  void clearRuns();
  //! Runs shown.
  std::vector<qint64> runs() const;
  //! Raw samples of a curve (empty when unknown).
  std::vector<std::pair<int, double>> samples(qint64 run, const QString& metric) const;

  //! Exponential smoothing weight 0 (raw) .. 0.99 (like TensorBoard's slider).
  void setSmoothing(double weight);
  double smoothing() const { return smoothing_; }
  //! Logarithmic value axis (default on: losses span decades).
  void setLogScale(bool on);
  bool logScale() const { return logScale_; }

  //! Writes every curve as CSV: run,metric,step,value (raw values). False on I/O failure.
  bool exportCsv(const QString& path) const;
  //! Writes the plot as PNG at its current size (x2 for sharpness). False on failure.
  bool exportPng(const QString& path);
  //! Replots done since creation (tests check live updating).
  int replotCount() const { return replots_; }
  //! What the 100 ms timer runs: fits the axes to new points, then replots.
  void redraw(QCustomPlot::RefreshPriority priority);

 private:
  //! Hold-out curves with more points than this are drawn without circles.
  static constexpr int kMaxMarkedPoints = 300;
  struct Curve {
    std::vector<std::pair<int, double>> raw;
    QCPGraph* graph = nullptr;
    bool holdout = false;
    double ema = 0, weight = 0;  // smoothing state after the last sample
  };
  Curve& curve(qint64 run, const QString& metric);
  void rebuild(Curve& c);
  void updateMarkers(Curve& c);
  void scheduleReplot();
  QColor runColor(qint64 run) const;

  std::map<std::pair<qint64, QString>, Curve> curves_;
  double smoothing_ = 0.6;
  bool logScale_ = true;
  QTimer replotTimer_;
  int replots_ = 0;
  bool dirtyRange_ = false;
};

}  // namespace filmrecover::ui
