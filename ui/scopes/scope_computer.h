#pragma once
// Computes the scopes of what the viewer shows on a worker thread, newest request only: while
// one computation runs, later requests replace each other and only the last one runs next.
#include <QImage>
#include <QObject>
#include <memory>

#include "core/analysis/scopes.h"
#include "ui/viewer/viewer_panel.h"

namespace filmrecover::ui {

//! Rendered scopes, ready to paint.
struct ScopeImages {
  QImage waveform;
  QImage vectorscope;
  WaveformMode mode = WaveformMode::Luma;
  uint64_t samples = 0;
  int frame = 0;
};

//! Off-GUI-thread scope computation with a one-deep queue.
class ScopeComputer : public QObject {
  Q_OBJECT
 public:
  explicit ScopeComputer(QObject* parent = nullptr);
  ~ScopeComputer() override;
  //! Asks for the scopes of `shown`; drops an older request still waiting.
  void request(const ShownFrame& shown, WaveformMode mode);
  //! True while a computation runs or waits.
  bool busy() const { return running_ || queued_; }
  //! Computations finished since creation.
  long long completed() const { return completed_; }

  //! The scopes of `shown` computed on the calling thread (what the worker runs).
  static ScopeImages compute(const ShownFrame& shown, WaveformMode mode);

 Q_SIGNALS:
  void ready(const filmrecover::ui::ScopeImages& images);

 private:
  void start(const ShownFrame& shown, WaveformMode mode);
  bool running_ = false;
  bool queued_ = false;
  ShownFrame next_;
  WaveformMode nextMode_ = WaveformMode::Luma;
  long long completed_ = 0;
  std::shared_ptr<bool> alive_;
};

}  // namespace filmrecover::ui
