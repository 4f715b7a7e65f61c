#pragma once
// The central panel: compare and display controls, the viewer, transport and timeline.
// It drives frame loading (cache, workers, read-ahead) for the session's A and B.
#include <QWidget>
#include <memory>
#include <optional>

#include "core/image/image.h"
#include "ui/probe/probe_reading.h"
#include "ui/session/session.h"
#include "ui/viewer/compare_settings.h"
#include "ui/viewer/display_settings.h"

class QAction;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QToolButton;
class QTimer;

namespace filmrecover {
class OcioConfig;
}

namespace filmrecover::ui {

class DisplayPipeline;
class FrameCache;
class FrameLoader;
class Playback;
class TimelineWidget;
class Viewer;
struct ProbeLocation;

//! What the viewer shows now (for scopes and probe).
struct ShownFrame {
  int frame = 0;
  std::shared_ptr<const Image> a, b;
  CompareSettings compare;
  std::shared_ptr<const DisplayPipeline> pipeline;
};

//! Viewer with its controls, wired to a Session.
class ViewerPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ViewerPanel(Session* session, QWidget* parent = nullptr);
  ~ViewerPanel() override;

  Viewer* viewer() const { return viewer_; }
  Playback* playback() const { return playback_; }
  FrameLoader* loader() const { return loader_.get(); }
  FrameCache* cache() const { return cache_.get(); }

  void setCompare(const CompareSettings& compare);
  const CompareSettings& compare() const { return compare_; }
  void setCompareMode(CompareMode mode);
  //! Tab: A/B flip or swap sides.
  void toggleCompare();

  //! Changes the display transform; the OCIO processor is rebuilt off the GUI thread only
  //! when the colour space, display or view change.
  void setDisplaySettings(const DisplaySettings& settings);
  DisplaySettings displaySettings() const { return display_; }
  std::shared_ptr<const DisplayPipeline> pipeline() const { return pipeline_; }
  //! True while an OCIO processor is being built.
  bool pipelinePending() const { return pipelineBuilding_; }

  //! What is on screen now.
  ShownFrame shown() const;
  //! The probe reading at a viewer location.
  ProbeReading probe(const ProbeLocation& where) const;
  //! Frames to decode ahead while playing.
  void setReadAheadFrames(int frames) { readAhead_ = frames; }
  //! Decodes every frame between in and out into the cache (as far as it holds them), for
  //! real-time playback of a range; stays on until turned off.
  void setCacheWholeRange(bool on);
  bool cacheWholeRange() const { return cacheWholeRange_; }

 Q_SIGNALS:
  //! The picture changed (frame, compare, display): scopes recompute.
  void shownChanged();
  //! The pointer moved over the picture.
  void probeChanged(const filmrecover::ui::ProbeReading& reading);
  //! A message for the log panel (level "info", "warning", "error").
  void logMessage(const QString& level, const QString& text);
  //! Work in progress (decodes, opens, OCIO builds) for the progress indicator.
  void busyChanged(int busy);
  //! Playback statistics changed (fps shown, dropped frames).
  void statsChanged(const QString& text);

 private:
  void buildControls();
  void rebuildTimeline();
  void showFrame(int frame);
  void requestReadAhead();
  void onFrameLoaded(quint64 sourceId, int frame);
  void onFrameFailed(quint64 sourceId, int frame, const QString& message);
  bool frameReady(int frame) const;
  //! B's frame shown with A's `frame` (the session's frame maps; none when B has no match).
  std::optional<int> frameOfB(int frame) const;
  void syncCompareControls();
  void fillDisplayCombos();
  void startPipelineBuild(const DisplaySettings& settings);
  void updateLabels();

  Session* session_;
  Viewer* viewer_ = nullptr;
  TimelineWidget* timeline_ = nullptr;
  Playback* playback_ = nullptr;
  std::unique_ptr<FrameCache> cache_;
  std::unique_ptr<FrameLoader> loader_;
  std::shared_ptr<const OcioConfig> config_;
  std::shared_ptr<const DisplayPipeline> pipeline_;
  bool pipelineBuilding_ = false;
  bool pipelineQueued_ = false;
  DisplaySettings display_;
  CompareSettings compare_;
  int readAhead_ = 24;
  bool cacheWholeRange_ = false;
  QTimer* cachedBarTimer_ = nullptr;

  QComboBox* roleA_ = nullptr;
  QComboBox* roleB_ = nullptr;
  QComboBox* mode_ = nullptr;
  QDoubleSpinBox* gain_ = nullptr;
  QDoubleSpinBox* angle_ = nullptr;
  QDoubleSpinBox* exposure_ = nullptr;
  QDoubleSpinBox* gamma_ = nullptr;
  QComboBox* inputSpace_ = nullptr;
  QComboBox* displayCombo_ = nullptr;
  QComboBox* viewCombo_ = nullptr;
  QSpinBox* frameSpin_ = nullptr;
  QToolButton* playButton_ = nullptr;
  QLabel* stats_ = nullptr;
  QAction* angleAction_ = nullptr;
  QAction* gainAction_ = nullptr;
  bool syncing_ = false;
};

}  // namespace filmrecover::ui
