#include "ui/viewer/viewer_panel.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <set>

#include "core/color/ocio_config.h"
#include "core/io/frame_source.h"
#include "ui/viewer/display_pipeline.h"
#include "ui/viewer/frame_cache.h"
#include "ui/viewer/frame_loader.h"
#include "ui/viewer/playback.h"
#include "ui/viewer/timeline_widget.h"
#include "ui/viewer/viewer.h"

namespace filmrecover::ui {

namespace {

QLabel* caption(const QString& text, QWidget* parent) {
  auto* l = new QLabel(text, parent);
  l->setObjectName(QStringLiteral("caption"));
  return l;
}

struct PipelineResult {
  std::shared_ptr<const DisplayPipeline> pipeline;
  QString error;
};

}  // namespace

ViewerPanel::ViewerPanel(Session* session, QWidget* parent)
    : QWidget(parent), session_(session), cache_(std::make_unique<FrameCache>()) {
  loader_ = std::make_unique<FrameLoader>(cache_.get());
  playback_ = new Playback(this);
  playback_->setReadyCheck([this](int f) { return frameReady(f); });
  viewer_ = new Viewer(this);
  timeline_ = new TimelineWidget(this);
  buildControls();

  connect(session_, &Session::sourceChanged, this, [this](SourceRole role) {
    if (role == session_->roleA() || role == session_->roleB()) rebuildTimeline();
  });
  connect(session_, &Session::frameMapChanged, this, [this](SourceRole role) {
    if (role == session_->roleA() || role == session_->roleB()) rebuildTimeline();
  });
  connect(session_, &Session::compareRolesChanged, this, [this] {
    syncCompareControls();
    rebuildTimeline();
  });
  connect(playback_, &Playback::frameChanged, this, &ViewerPanel::showFrame);
  connect(playback_, &Playback::rangeChanged, this,
          [this] { timeline_->setInOut(playback_->inFrame(), playback_->outFrame()); });
  connect(playback_, &Playback::playingChanged, this, [this](bool playing) {
    playButton_->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    if (playing) playback_->resetCounters();
    requestReadAhead();
  });
  connect(timeline_, &TimelineWidget::scrubbed, this, [this](int f) {
    playback_->stop();
    playback_->seek(f);
  });
  connect(loader_.get(), &FrameLoader::frameLoaded, this, &ViewerPanel::onFrameLoaded);
  connect(loader_.get(), &FrameLoader::frameFailed, this, &ViewerPanel::onFrameFailed);
  connect(loader_.get(), &FrameLoader::busyChanged, this, &ViewerPanel::busyChanged);
  connect(viewer_, &Viewer::compareEdited, this, [this](const CompareSettings& c) {
    compare_ = c;
    syncCompareControls();
    Q_EMIT shownChanged();
  });
  connect(viewer_, &Viewer::probed, this,
          [this](const ProbeLocation& where) { Q_EMIT probeChanged(probe(where)); });

  // The cached-frames bar is refreshed a few times a second, not on every decode.
  cachedBarTimer_ = new QTimer(this);
  cachedBarTimer_->setInterval(250);
  connect(cachedBarTimer_, &QTimer::timeout, this, [this] {
    const LoadedSource a = session_->source(session_->roleA());
    timeline_->setCached(a.source ? cache_->framesOf(a.id) : std::set<int>());
    if (playback_->playing())
      stats_->setText(QStringLiteral("playing · %1 dropped").arg(playback_->droppedFrames()));
    if (playback_->playing())
      Q_EMIT statsChanged(QStringLiteral("%1 fps · %2 shown · %3 dropped")
                              .arg(playback_->fps(), 0, 'g', 4)
                              .arg(playback_->shownFrames())
                              .arg(playback_->droppedFrames()));
  });
  cachedBarTimer_->start();

  try {
    config_ = OcioConfig::current();
  } catch (const std::exception& e) {
    QTimer::singleShot(0, this, [this, msg = QString::fromStdString(e.what())] {
      Q_EMIT logMessage(QStringLiteral("error"),
                        QStringLiteral("No OCIO config, the viewer shows stored values: ") + msg);
    });
  }
  fillDisplayCombos();
  if (config_) startPipelineBuild(display_);
}

ViewerPanel::~ViewerPanel() { playback_->stop(); }

void ViewerPanel::buildControls() {
  roleA_ = new QComboBox(this);
  roleB_ = new QComboBox(this);
  for (SourceRole r : kAllSourceRoles) {
    roleA_->addItem(sourceRoleLabel(r), static_cast<int>(r));
    roleB_->addItem(sourceRoleLabel(r), static_cast<int>(r));
  }
  roleA_->setToolTip(QStringLiteral("What the viewer shows as A"));
  roleB_->setToolTip(QStringLiteral("What the viewer shows as B"));
  mode_ = new QComboBox(this);
  for (CompareMode m : {CompareMode::A, CompareMode::B, CompareMode::Wipe, CompareMode::SideBySide,
                        CompareMode::Difference})
    mode_->addItem(compareModeLabel(m), static_cast<int>(m));
  gain_ = new QDoubleSpinBox(this);
  gain_->setRange(0.1, 100.0);
  gain_->setDecimals(1);
  gain_->setValue(1.0);
  gain_->setPrefix(QStringLiteral("Gain × "));
  gain_->setToolTip(QStringLiteral("Difference gain"));
  angle_ = new QDoubleSpinBox(this);
  angle_->setRange(-180, 180);
  angle_->setDecimals(0);
  angle_->setWrapping(true);
  angle_->setPrefix(QStringLiteral("Angle "));
  angle_->setSuffix(QStringLiteral("°"));
  angle_->setToolTip(QStringLiteral("Wipe angle (Shift-drag in the viewer rotates)"));
  exposure_ = new QDoubleSpinBox(this);
  exposure_->setRange(-10, 10);
  exposure_->setSingleStep(0.25);
  exposure_->setDecimals(2);
  exposure_->setPrefix(QStringLiteral("Exposure "));
  exposure_->setToolTip(QStringLiteral("Exposure in stops, before the display transform (E / Shift+E)"));
  gamma_ = new QDoubleSpinBox(this);
  gamma_->setRange(0.2, 5);
  gamma_->setSingleStep(0.1);
  gamma_->setDecimals(2);
  gamma_->setPrefix(QStringLiteral("Gamma "));
  gamma_->setValue(1.0);
  gamma_->setToolTip(QStringLiteral("Gamma, after the display transform"));
  inputSpace_ = new QComboBox(this);
  inputSpace_->setToolTip(QStringLiteral("OCIO colour space of the frames"));
  displayCombo_ = new QComboBox(this);
  displayCombo_->setToolTip(QStringLiteral("OCIO display"));
  viewCombo_ = new QComboBox(this);
  viewCombo_->setToolTip(QStringLiteral("OCIO view"));
  // Combos size to a few characters, not to their longest entry: the bar must fit a laptop.
  for (QComboBox* c : {roleA_, roleB_, mode_, inputSpace_, displayCombo_, viewCombo_}) {
    c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    c->setMinimumContentsLength(c == inputSpace_ ? 9 : c == roleA_ || c == roleB_ ? 7 : 5);
  }

  // A tool bar, not a row layout: when the window is narrow the display controls fold into
  // its extension menu instead of forcing the window wider than the screen.
  auto* bar = new QToolBar(this);
  bar->setObjectName(QStringLiteral("viewerBar"));
  bar->setMovable(false);
  bar->setFloatable(false);
  bar->setIconSize(QSize(16, 16));
  auto add = [bar](QWidget* w) { bar->addWidget(w); };
  auto gap = [bar, this](int px) {
    auto* g = new QWidget(this);
    g->setFixedWidth(px);
    bar->addWidget(g);
  };
  add(caption(QStringLiteral("A"), this));
  add(roleA_);
  gap(6);
  add(caption(QStringLiteral("B"), this));
  add(roleB_);
  bar->addSeparator();
  add(caption(QStringLiteral("Compare"), this));
  add(mode_);
  gap(6);
  // Angle and gain only where they mean something (wipe, difference).
  angleAction_ = bar->addWidget(angle_);
  gainAction_ = bar->addWidget(gain_);
  auto* stretch = new QWidget(this);
  stretch->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
  add(stretch);
  add(caption(QStringLiteral("Input"), this));
  add(inputSpace_);
  gap(6);
  add(caption(QStringLiteral("Display"), this));
  add(displayCombo_);
  add(viewCombo_);
  bar->addSeparator();
  add(exposure_);
  gap(4);
  add(gamma_);

  auto* transport = new QHBoxLayout;
  transport->setContentsMargins(8, 4, 8, 6);
  transport->setSpacing(4);
  auto button = [this](QStyle::StandardPixmap icon, const QString& tip) {
    auto* b = new QToolButton(this);
    b->setIcon(style()->standardIcon(icon));
    b->setToolTip(tip);
    b->setAutoRaise(true);
    b->setFocusPolicy(Qt::NoFocus);
    return b;
  };
  auto* firstB = button(QStyle::SP_MediaSkipBackward, QStringLiteral("First frame (Home)"));
  auto* backB = button(QStyle::SP_MediaSeekBackward, QStringLiteral("Step back (Left)"));
  playButton_ = button(QStyle::SP_MediaPlay, QStringLiteral("Play / stop (Space)"));
  auto* fwdB = button(QStyle::SP_MediaSeekForward, QStringLiteral("Step forward (Right)"));
  auto* lastB = button(QStyle::SP_MediaSkipForward, QStringLiteral("Last frame (End)"));
  frameSpin_ = new QSpinBox(this);
  frameSpin_->setRange(0, 9999999);
  frameSpin_->setToolTip(QStringLiteral("Current frame"));
  frameSpin_->setMinimumWidth(80);
  stats_ = new QLabel(this);
  stats_->setObjectName(QStringLiteral("caption"));
  stats_->setMinimumWidth(120);
  stats_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  for (QWidget* w : {static_cast<QWidget*>(firstB), static_cast<QWidget*>(backB),
                     static_cast<QWidget*>(playButton_), static_cast<QWidget*>(fwdB),
                     static_cast<QWidget*>(lastB)})
    transport->addWidget(w);
  transport->addWidget(frameSpin_);
  transport->addWidget(timeline_, 1);
  transport->addWidget(stats_);

  auto* bottomBar = new QWidget(this);
  bottomBar->setObjectName(QStringLiteral("viewerBar"));
  bottomBar->setLayout(transport);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(bar);
  layout->addWidget(viewer_, 1);
  layout->addWidget(bottomBar);

  connect(firstB, &QToolButton::clicked, playback_, &Playback::first);
  connect(lastB, &QToolButton::clicked, playback_, &Playback::last);
  connect(backB, &QToolButton::clicked, this, [this] { playback_->step(-1); });
  connect(fwdB, &QToolButton::clicked, this, [this] { playback_->step(1); });
  connect(playButton_, &QToolButton::clicked, playback_, &Playback::togglePlay);
  connect(frameSpin_, &QSpinBox::editingFinished, this,
          [this] { playback_->seek(frameSpin_->value()); });
  auto roleChanged = [this] {
    if (syncing_) return;
    session_->setCompareRoles(static_cast<SourceRole>(roleA_->currentData().toInt()),
                              static_cast<SourceRole>(roleB_->currentData().toInt()));
  };
  connect(roleA_, qOverload<int>(&QComboBox::currentIndexChanged), this, roleChanged);
  connect(roleB_, qOverload<int>(&QComboBox::currentIndexChanged), this, roleChanged);
  connect(mode_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
    if (!syncing_) setCompareMode(static_cast<CompareMode>(mode_->currentData().toInt()));
  });
  connect(gain_, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this](double v) {
    if (syncing_) return;
    CompareSettings c = compare_;
    c.differenceGain = v;
    setCompare(c);
  });
  connect(angle_, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this](double v) {
    if (syncing_) return;
    CompareSettings c = compare_;
    c.wipeAngle = v;
    setCompare(c);
  });
  auto displayEdited = [this] {
    if (syncing_) return;
    DisplaySettings d = display_;
    d.exposure = exposure_->value();
    d.gamma = gamma_->value();
    d.inputSpace = inputSpace_->currentText();
    d.display = displayCombo_->currentText();
    d.view = viewCombo_->currentText();
    setDisplaySettings(d);
  };
  connect(exposure_, qOverload<double>(&QDoubleSpinBox::valueChanged), this, displayEdited);
  connect(gamma_, qOverload<double>(&QDoubleSpinBox::valueChanged), this, displayEdited);
  connect(inputSpace_, qOverload<int>(&QComboBox::currentIndexChanged), this, displayEdited);
  connect(viewCombo_, qOverload<int>(&QComboBox::currentIndexChanged), this, displayEdited);
  connect(displayCombo_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
    if (syncing_ || !config_) return;
    syncing_ = true;
    viewCombo_->clear();
    for (const auto& v : config_->views(displayCombo_->currentText().toStdString()))
      viewCombo_->addItem(QString::fromStdString(v));
    syncing_ = false;
    DisplaySettings d = display_;
    d.display = displayCombo_->currentText();
    d.view = viewCombo_->currentText();
    setDisplaySettings(d);
  });
  syncCompareControls();
}

void ViewerPanel::fillDisplayCombos() {
  if (!config_) {
    for (QComboBox* c : {inputSpace_, displayCombo_, viewCombo_}) c->setEnabled(false);
    return;
  }
  syncing_ = true;
  DisplaySettings d = display_;
  if (d.inputSpace.isEmpty()) d.inputSpace = DisplayPipeline::defaultInputSpace(*config_);
  if (d.display.isEmpty()) d.display = QString::fromStdString(config_->defaultDisplay());
  if (d.view.isEmpty())
    d.view = QString::fromStdString(config_->defaultView(d.display.toStdString()));
  inputSpace_->clear();
  for (const auto& s : config_->colorSpaces()) inputSpace_->addItem(QString::fromStdString(s));
  displayCombo_->clear();
  for (const auto& s : config_->displays()) displayCombo_->addItem(QString::fromStdString(s));
  viewCombo_->clear();
  for (const auto& v : config_->views(d.display.toStdString()))
    viewCombo_->addItem(QString::fromStdString(v));
  inputSpace_->setCurrentText(d.inputSpace);
  displayCombo_->setCurrentText(d.display);
  viewCombo_->setCurrentText(d.view);
  exposure_->setValue(d.exposure);
  gamma_->setValue(d.gamma);
  display_ = d;
  syncing_ = false;
}

void ViewerPanel::setDisplaySettings(const DisplaySettings& settings) {
  const bool sameTransform = settings.sameTransform(display_);
  display_ = settings;
  fillDisplayCombos();
  if (!config_) return;
  if (sameTransform && pipeline_) {
    // Exposure and gamma are uniforms: no new OCIO processor, no shader rebuild.
    DisplaySettings d = pipeline_->settings();
    d.exposure = display_.exposure;
    d.gamma = display_.gamma;
    try {
      pipeline_ = std::make_shared<const DisplayPipeline>(config_, d);
    } catch (const std::exception& e) {
      Q_EMIT logMessage(QStringLiteral("error"), QString::fromStdString(e.what()));
    }
    viewer_->setDisplayPipeline(pipeline_);
    Q_EMIT shownChanged();
    return;
  }
  startPipelineBuild(display_);
}

void ViewerPanel::startPipelineBuild(const DisplaySettings& settings) {
  if (pipelineBuilding_) {
    pipelineQueued_ = true;  // only the newest settings are built next
    return;
  }
  pipelineBuilding_ = true;
  Q_EMIT busyChanged(loader_->busyCount() + 1);
  auto* watcher = new QFutureWatcher<PipelineResult>(this);
  connect(watcher, &QFutureWatcher<PipelineResult>::finished, this, [this, watcher] {
    const PipelineResult r = watcher->result();
    watcher->deleteLater();
    pipelineBuilding_ = false;
    if (r.pipeline) {
      pipeline_ = r.pipeline;
      viewer_->setDisplayPipeline(pipeline_);
      Q_EMIT shownChanged();
    } else {
      Q_EMIT logMessage(QStringLiteral("error"), r.error);
    }
    Q_EMIT busyChanged(loader_->busyCount());
    if (pipelineQueued_) {
      pipelineQueued_ = false;
      if (!pipeline_ || !display_.sameTransform(pipeline_->settings()) ||
          display_ != pipeline_->settings())
        startPipelineBuild(display_);
    }
  });
  auto config = config_;
  watcher->setFuture(QtConcurrent::run([config, settings]() -> PipelineResult {
    PipelineResult r;
    try {
      r.pipeline = std::make_shared<const DisplayPipeline>(config, settings);
    } catch (const std::exception& e) {
      r.error = QStringLiteral("Display transform: ") + QString::fromStdString(e.what());
    }
    return r;
  }));
}

void ViewerPanel::setCompare(const CompareSettings& compare) {
  if (compare == compare_) return;
  const bool neededB = compare_.needsB();
  compare_ = compare;
  viewer_->setCompare(compare_);
  syncCompareControls();
  if (compare_.needsB() != neededB) showFrame(playback_->current());
  Q_EMIT shownChanged();
}

void ViewerPanel::setCompareMode(CompareMode mode) {
  CompareSettings c = compare_;
  c.mode = mode;
  setCompare(c);
}

void ViewerPanel::toggleCompare() { setCompare(compare_.toggled()); }

void ViewerPanel::syncCompareControls() {
  syncing_ = true;
  roleA_->setCurrentIndex(roleA_->findData(static_cast<int>(session_->roleA())));
  roleB_->setCurrentIndex(roleB_->findData(static_cast<int>(session_->roleB())));
  mode_->setCurrentIndex(mode_->findData(static_cast<int>(compare_.mode)));
  gain_->setValue(compare_.differenceGain);
  angle_->setValue(compare_.wipeAngle);
  if (gainAction_) gainAction_->setVisible(compare_.mode == CompareMode::Difference);
  if (angleAction_) angleAction_->setVisible(compare_.mode == CompareMode::Wipe);
  syncing_ = false;
}

void ViewerPanel::updateLabels() {
  auto label = [this](const char* letter, SourceRole role, std::optional<int> frame) {
    const LoadedSource s = session_->source(role);
    if (!s.source) return QStringLiteral("%1  %2 (none)").arg(letter, sourceRoleLabel(role));
    if (!frame) return QStringLiteral("%1  %2  (no matching frame)").arg(letter, sourceRoleLabel(role));
    return QStringLiteral("%1  %2  %3").arg(letter, sourceRoleLabel(role)).arg(*frame);
  };
  const int f = playback_->current();
  viewer_->setLabels(label("A", session_->roleA(), f), label("B", session_->roleB(), frameOfB(f)));
}

void ViewerPanel::rebuildTimeline() {
  const LoadedSource a = session_->source(session_->roleA());
  const LoadedSource b = session_->source(session_->roleB());
  const LoadedSource& main = a.source ? a : b;
  std::vector<int> frames;
  std::set<int> missing;
  double fps = 24.0;
  if (main.source) {
    const SourceInfo& info = main.source->info();
    frames = info.frames;
    frames.insert(frames.end(), info.missing.begin(), info.missing.end());
    std::sort(frames.begin(), frames.end());
    frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
    missing.insert(info.missing.begin(), info.missing.end());
    if (info.frameRate > 0) fps = info.frameRate;
  }
  if (a.source && b.source) {
    for (int f : frames) {
      const std::optional<int> fb = frameOfB(f);
      if (!fb || !b.source->has(*fb)) missing.insert(f);
    }
  }
  timeline_->setFrames(frames, missing);
  stats_->setText(main.source ? QStringLiteral("%1×%2 · %3 fps · %4 frames")
                                    .arg(main.source->info().width)
                                    .arg(main.source->info().height)
                                    .arg(fps, 0, 'g', 4)
                                    .arg(frames.size())
                              : QString());
  if (!frames.empty()) {
    frameSpin_->setRange(frames.front(), frames.back());
  }
  const int keep = playback_->current();
  playback_->setFrames(frames, fps);
  if (!frames.empty() && keep >= frames.front() && keep <= frames.back()) playback_->seek(keep);
  if (frames.empty()) {
    viewer_->setImages(nullptr, nullptr);
    viewer_->setMessage(QString());
  }
  showFrame(playback_->current());
  viewer_->fitToWindow();
}

std::optional<int> ViewerPanel::frameOfB(int frame) const {
  return session_->correspondingFrame(session_->roleA(), frame, session_->roleB());
}

bool ViewerPanel::frameReady(int frame) const {
  auto ready = [this](SourceRole role, std::optional<int> f) {
    const LoadedSource s = session_->source(role);
    // A frame the role does not have is "ready": it is shown as missing, never waited for.
    return !s.source || !f || !s.source->has(*f) || cache_->contains(s.id, *f) ||
           !loader_->errorFor(s.id, *f).isEmpty();
  };
  const bool needA = compare_.needsA() || !session_->has(session_->roleB());
  const bool needB = compare_.needsB();
  return (!needA || ready(session_->roleA(), frame)) &&
         (!needB || ready(session_->roleB(), frameOfB(frame)));
}

void ViewerPanel::showFrame(int frame) {
  frameSpin_->blockSignals(true);
  frameSpin_->setValue(frame);
  frameSpin_->blockSignals(false);
  timeline_->setCurrent(frame);
  updateLabels();
  const LoadedSource a = session_->source(session_->roleA());
  const LoadedSource b = session_->source(session_->roleB());
  if (!a.source && !b.source) {
    viewer_->setImages(nullptr, nullptr);
    Q_EMIT shownChanged();
    return;
  }
  const std::optional<int> fb = frameOfB(frame);
  std::vector<FrameRequest> wanted;
  QStringList problems;
  auto fetch = [&](const LoadedSource& s, int f, bool needed, const char* letter,
                   std::shared_ptr<const Image>& out, bool& pending) {
    pending = false;
    if (!s.source || !needed) return;
    out = cache_->get(s.id, f);
    if (out) return;
    const QString error = loader_->errorFor(s.id, f);
    if (!error.isEmpty()) {
      problems << QStringLiteral("%1: %2").arg(letter, error);
      return;
    }
    pending = true;
    wanted.push_back({s.id, s.source, f});
  };
  std::shared_ptr<const Image> imgA, imgB;
  bool pendingA = false, pendingB = false;
  fetch(a, frame, compare_.needsA() || !b.source, "A", imgA, pendingA);
  if (fb) fetch(b, *fb, compare_.needsB() || !a.source, "B", imgB, pendingB);
  if (a.source && b.source && compare_.needsB() && problems.isEmpty() && !pendingB) {
    if (!fb)
      problems << QStringLiteral("B (%1) has no frame matched to frame %2 of A")
                      .arg(sourceRoleLabel(session_->roleB()))
                      .arg(frame);
    else if (!b.source->has(*fb))
      problems << QStringLiteral("B has no frame %1").arg(*fb);
  }
  if (!wanted.empty()) loader_->requestNow(wanted);
  // While a frame decodes, the previous one stays up (scrubbing never flashes black).
  if (pendingA || pendingB) {
    requestReadAhead();
    return;
  }
  viewer_->setImages(imgA, imgB);
  viewer_->setMessage(problems.join(QLatin1Char('\n')));
  requestReadAhead();
  Q_EMIT shownChanged();
}

void ViewerPanel::requestReadAhead() {
  const LoadedSource a = session_->source(session_->roleA());
  const LoadedSource b = session_->source(session_->roleB());
  std::vector<FrameRequest> ahead;
  int count = playback_->playing() ? readAhead_ : std::min(readAhead_, 8);
  if (cacheWholeRange_) {
    // The whole in/out range, as many frames as the cache holds (keeping a margin so the
    // read-ahead never evicts the frames about to be shown).
    const Image* any = viewer_->imageA() ? viewer_->imageA().get() : viewer_->imageB().get();
    const size_t frameBytes = any ? FrameCache::frameBytes(*any) : 0;
    const int span = static_cast<int>(playback_->frames().size());
    const int fits = frameBytes ? static_cast<int>(cache_->capacityBytes() / frameBytes) - 2 : span;
    count = std::max(count, std::min(span, fits / (compare_.needsB() ? 2 : 1)));
  }
  for (int f : playback_->upcoming(count)) {
    if (a.source && (compare_.needsA() || !b.source) && a.source->has(f))
      ahead.push_back({a.id, a.source, f});
    const std::optional<int> fb = frameOfB(f);
    if (b.source && compare_.needsB() && fb && b.source->has(*fb)) ahead.push_back({b.id, b.source, *fb});
  }
  loader_->setReadAhead(ahead);
}

void ViewerPanel::setCacheWholeRange(bool on) {
  cacheWholeRange_ = on;
  requestReadAhead();
}

void ViewerPanel::onFrameLoaded(quint64 sourceId, int frame) {
  const LoadedSource a = session_->source(session_->roleA());
  const LoadedSource b = session_->source(session_->roleB());
  const int current = playback_->current();
  if ((a.source && sourceId == a.id && frame == current) ||
      (b.source && sourceId == b.id && frameOfB(current) == frame))
    showFrame(current);
}

void ViewerPanel::onFrameFailed(quint64 sourceId, int frame, const QString& message) {
  const LoadedSource a = session_->source(session_->roleA());
  const LoadedSource b = session_->source(session_->roleB());
  const int current = playback_->current();
  const bool isCurrent = (a.source && sourceId == a.id && frame == current) ||
                         (b.source && sourceId == b.id && frameOfB(current) == frame);
  static std::set<std::pair<quint64, int>> logged;
  if (logged.insert({sourceId, frame}).second) Q_EMIT logMessage(QStringLiteral("error"), message);
  // Shows what there is (the other input) with the error over it.
  if (isCurrent) showFrame(current);
}

ShownFrame ViewerPanel::shown() const {
  ShownFrame s;
  s.frame = playback_->current();
  s.a = viewer_->imageA();
  s.b = viewer_->imageB();
  s.compare = compare_;
  s.pipeline = pipeline_;
  return s;
}

ProbeReading ViewerPanel::probe(const ProbeLocation& where) const {
  ProbeReading r;
  r.inside = where.inside;
  r.frame = playback_->current();
  r.labelA = sourceRoleLabel(session_->roleA());
  r.labelB = sourceRoleLabel(session_->roleB());
  if (!where.inside) return r;
  const auto a = viewer_->imageA();
  const auto b = viewer_->imageB();
  const Image* frame = a ? a.get() : b.get();
  auto sample = [&](const Image* img, ProbeSample& out) {
    if (!img || !frame) return;
    // B is stretched over A's frame: probe the same relative position.
    out.x = std::clamp(static_cast<int>(int64_t(where.x) * img->width / frame->width), 0, img->width - 1);
    out.y = std::clamp(static_cast<int>(int64_t(where.y) * img->height / frame->height), 0, img->height - 1);
    out.valid = true;
    for (int c = 0; c < 3; ++c) out.stored[c] = out.displayed[c] = img->at(out.x, out.y, c);
    if (pipeline_) pipeline_->applyRgb(out.displayed[0], out.displayed[1], out.displayed[2]);
  };
  sample(a.get(), r.a);
  sample(b.get(), r.b);
  return r;
}

}  // namespace filmrecover::ui
