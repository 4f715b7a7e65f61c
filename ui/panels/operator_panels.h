#pragma once
// The operator's panels (sources & matching, alignment, curation, training, render,
// experiment log) created together around one ProjectContext and docked into a main window.
#include <QString>
#include <Qt>

class QDockWidget;
class QObject;
class QMainWindow;
class QWidget;

namespace filmrecover::ui {

class AlignmentPanel;
class CuratorPanel;
class ExperimentLogPanel;
class ProjectContext;
class RenderPanel;
class SourcesMatchPanel;
class TemporalPanel;
class TrainingPanel;

//! The panels, all owned by their dock widgets (or by the caller when not docked).
struct OperatorPanels {
  ProjectContext* project = nullptr;
  SourcesMatchPanel* sources = nullptr;
  AlignmentPanel* alignment = nullptr;
  CuratorPanel* curator = nullptr;
  TrainingPanel* training = nullptr;
  RenderPanel* render = nullptr;
  ExperimentLogPanel* log = nullptr;
  TemporalPanel* temporal = nullptr;  //!< the workstation's temporal QC (installed with a MainWindow only)
};

//! Creates the panels around `project` (a new ProjectContext owned by `owner` when null).
OperatorPanels createOperatorPanels(QObject* owner, ProjectContext* project = nullptr);

//! Creates the panels and docks them into `window`: sources, alignment and curation tabbed on
//! the right, training, render and the log tabbed at the bottom. Dock object names are
//! stable ("dock.sources", ...) so QMainWindow::saveState restores the layout.
OperatorPanels installOperatorPanels(QMainWindow* window, ProjectContext* project = nullptr);

}  // namespace filmrecover::ui
