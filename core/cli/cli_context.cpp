#include "core/cli/cli_context.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>

namespace filmrecover::cli {
namespace {

std::string formatSeconds(double s) {
  if (s < 0 || s > 1e7) return "--:--";
  long t = static_cast<long>(s + 0.5);
  char buf[32];
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%02ld:%02ld", t / 60, t % 60);
  return buf;
}

// Shared state of one progress printer: the stage it is timing and when it started.
struct PrinterState {
  std::mutex mutex;
  std::string stage;
  std::chrono::steady_clock::time_point start;
  long long startDone = 0;
  bool lineOpen = false;
};

}  // namespace

ProgressCallback CliContext::progress() const {
  if (global.quiet) return {};
  const bool tty = isatty(STDERR_FILENO) != 0;
  auto state = std::make_shared<PrinterState>();
  return [state, tty](const ProgressEvent& e) {
    std::lock_guard<std::mutex> lock(state->mutex);
    const auto now = std::chrono::steady_clock::now();
    if (e.stage != state->stage) {
      if (state->lineOpen) std::cerr << "\n";
      state->lineOpen = false;
      state->stage = e.stage;
      state->start = now;
      state->startDone = e.done;
    }
    const double elapsed = std::chrono::duration<double>(now - state->start).count();
    const double rate = elapsed > 0 ? (e.done - state->startDone) / elapsed : 0.0;
    if (tty) {
      char buf[160];
      const double eta = rate > 0 ? (e.total - e.done) / rate : -1;
      std::snprintf(buf, sizeof buf, "\r[%s] %lld/%lld  %.2f/s  ETA %s  ", e.stage.c_str(), e.done,
                    e.total, rate, formatSeconds(eta).c_str());
      std::cerr << buf << e.message << "\x1b[K" << std::flush;
      state->lineOpen = true;
      if (e.total > 0 && e.done >= e.total) {
        std::cerr << "\n";
        state->lineOpen = false;
      }
    } else {
      std::cerr << (e.message.empty() ? e.stage : e.message) << " (" << e.done << "/" << e.total
                << ")\n";
    }
  };
}

void CliContext::printResult(const nlohmann::json& doc, const std::string& human) const {
  if (global.json) {
    std::cout << doc.dump(2) << std::endl;
  } else if (!human.empty()) {
    std::cout << human;
    if (human.back() != '\n') std::cout << '\n';
    std::cout.flush();
  }
}

void CliContext::note(const std::string& line) const {
  if (!global.quiet) std::cerr << line << std::endl;
}

void CliContext::warn(const std::string& line) const { std::cerr << "warning: " << line << std::endl; }

void CliContext::detail(const std::string& line) const {
  if (global.verbose) std::cerr << line << std::endl;
}

}  // namespace filmrecover::cli
