#include "ui/scopes/scope_computer.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "ui/viewer/cpu_composite.h"
#include "ui/viewer/display_pipeline.h"

namespace filmrecover::ui {

namespace {

// Scopes read at most this many columns of the composite: a 4K frame costs what a 1K one does.
constexpr int kScopeWidth = 1024;

QImage toQImage(const Image& img) {
  QImage out(img.width, img.height, QImage::Format_RGB32);
  for (int y = 0; y < img.height; ++y) {
    auto* line = reinterpret_cast<QRgb*>(out.scanLine(y));
    for (int x = 0; x < img.width; ++x) {
      auto v = [&](int c) { return std::clamp(static_cast<int>(img.at(x, y, c) * 255.0f + 0.5f), 0, 255); };
      line[x] = qRgb(v(0), v(1), v(2));
    }
  }
  return out;
}

}  // namespace

ScopeComputer::ScopeComputer(QObject* parent) : QObject(parent), alive_(std::make_shared<bool>(true)) {}

ScopeComputer::~ScopeComputer() { *alive_ = false; }

ScopeImages ScopeComputer::compute(const ShownFrame& shown, WaveformMode mode) {
  ScopeImages out;
  out.mode = mode;
  out.frame = shown.frame;
  if (!shown.a && !shown.b) return out;
  const auto pipeline = shown.pipeline;
  DisplayFunction display;
  if (pipeline) display = [pipeline](Image& img) { pipeline->apply(img); };
  static const Image none;
  const Image composite = compositeDisplayed(shown.a ? *shown.a : none, shown.b ? *shown.b : none,
                                             shown.compare, display, kScopeWidth);
  if (composite.empty()) return out;
  WaveformOptions wopt;
  wopt.mode = mode;
  wopt.columns = mode == WaveformMode::Luma ? 512 : 256;
  wopt.levels = 256;
  const Waveform wf = computeWaveform(composite, wopt);
  VectorscopeOptions vopt;
  vopt.size = 320;
  const Vectorscope vs = computeVectorscope(composite, vopt);
  out.waveform = toQImage(renderWaveform(wf));
  out.vectorscope = toQImage(renderVectorscope(vs));
  out.samples = wf.samples;
  return out;
}

void ScopeComputer::request(const ShownFrame& shown, WaveformMode mode) {
  if (running_) {
    next_ = shown;
    nextMode_ = mode;
    queued_ = true;
    return;
  }
  start(shown, mode);
}

void ScopeComputer::start(const ShownFrame& shown, WaveformMode mode) {
  running_ = true;
  auto* watcher = new QFutureWatcher<ScopeImages>(this);
  connect(watcher, &QFutureWatcher<ScopeImages>::finished, this, [this, watcher] {
    const ScopeImages images = watcher->result();
    watcher->deleteLater();
    running_ = false;
    ++completed_;
    Q_EMIT ready(images);
    if (queued_) {
      queued_ = false;
      start(next_, nextMode_);
      next_ = ShownFrame();
    }
  });
  watcher->setFuture(QtConcurrent::run([shown, mode] { return compute(shown, mode); }));
}

}  // namespace filmrecover::ui
