#pragma once
// The operator panels joined to the workstation's main window: docked through addPanel(),
// pairs and results shown in its viewer, messages in its log, the project kept in step.
#include "ui/panels/operator_panels.h"

namespace filmrecover::ui {

class MainWindow;

//! Creates the operator panels, docks them into `window` and wires them to its viewer:
//! "show pair" compares the source with the aligned reference (or reference) at that frame,
//! "open result" compares the source with a render in a wipe; errors and news go to the log
//! panel; a project opened from the File menu opens in the panels too.
OperatorPanels installOperatorPanels(MainWindow& window);

}  // namespace filmrecover::ui
