#pragma once
// The scopes dock: waveform (luma or RGB parade) and vectorscope of what the viewer shows,
// updated live off the GUI thread.
#include <QWidget>

#include "ui/scopes/scope_computer.h"

class QComboBox;
class QLabel;

namespace filmrecover::ui {

class ScopeView;
class ViewerPanel;

//! Waveform and vectorscope, following a ViewerPanel.
class ScopesPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ScopesPanel(ViewerPanel* viewer, QWidget* parent = nullptr);
  ScopeView* waveform() const { return waveform_; }
  ScopeView* vectorscope() const { return vectorscope_; }
  ScopeComputer* computer() const { return computer_; }
  void setWaveformMode(WaveformMode mode);

 protected:
  void showEvent(QShowEvent* e) override;

 private:
  void refresh();
  ViewerPanel* viewerPanel_;
  ScopeComputer* computer_;
  ScopeView* waveform_;
  ScopeView* vectorscope_;
  QComboBox* mode_;
  QLabel* info_;
  WaveformMode waveformMode_ = WaveformMode::Luma;
};

}  // namespace filmrecover::ui
