#include "core/train/metrics_log.h"

#include <filesystem>

#include "core/exec/errors.h"

namespace filmrecover {

MetricsLog::MetricsLog(const std::string& path, long long keepUpToStep) : path_(path) {
  std::vector<std::string> kept;
  if (keepUpToStep >= 0 && std::filesystem::exists(path)) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      try {
        const auto j = nlohmann::json::parse(line);
        if (j.value("step", 0ll) <= keepUpToStep) kept.push_back(line);
      } catch (const std::exception&) {
        // A line cut short by a crash: dropped.
      }
    }
  }
  out_.open(path, std::ios::trunc);
  if (!out_) throw RunError("cannot write the metrics log '" + path + "'.");
  for (const auto& l : kept) out_ << l << '\n';
  out_.flush();
}

void MetricsLog::write(const MetricEvent& e) { out_ << nlohmann::json(e).dump() << '\n'; }

void MetricsLog::flush() { out_.flush(); }

std::vector<MetricEvent> MetricsLog::read(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("metrics log '" + path + "' does not exist or cannot be read.");
  std::vector<MetricEvent> events;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    try {
      events.push_back(nlohmann::json::parse(line).get<MetricEvent>());
    } catch (const std::exception&) {
      // A line cut short by a crash: skipped.
    }
  }
  return events;
}

}  // namespace filmrecover
