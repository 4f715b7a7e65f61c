#pragma once
#include <fstream>
#include <string>
#include <vector>

#include "core/train/train_events.h"

namespace filmrecover {

//! metrics.jsonl beside a model: one {"step","name","value"} object per line, appended as
//! training runs, so a crash loses at most the last line and plots can be made at any time.
class MetricsLog {
 public:
  //! Opens `path`. A fresh run (`keepUpToStep` < 0) truncates it; a resumed one keeps the
  //! lines up to and including `keepUpToStep` and drops later ones (they will be re-run).
  MetricsLog(const std::string& path, long long keepUpToStep);
  //! Appends one event.
  void write(const MetricEvent& e);
  //! Flushes to disk.
  void flush();

  //! Every event in a metrics log (for plots and reports). Throws InputError naming the path.
  static std::vector<MetricEvent> read(const std::string& path);

 private:
  std::string path_;
  std::ofstream out_;
};

}  // namespace filmrecover
