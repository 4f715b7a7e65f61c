#include "ui/panels/operator_panels.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QStatusBar>

#include "ui/panels/align/alignment_panel.h"
#include "ui/panels/curate/curator_panel.h"
#include "ui/panels/log/experiment_log_panel.h"
#include "ui/panels/match/sources_match_panel.h"
#include "ui/panels/project_context.h"
#include "ui/panels/render/render_panel.h"
#include "ui/panels/train/training_panel.h"

namespace filmrecover::ui {

OperatorPanels createOperatorPanels(QObject* owner, ProjectContext* project) {
  OperatorPanels p;
  p.project = project ? project : new ProjectContext(owner);
  p.sources = new SourcesMatchPanel(p.project);
  p.alignment = new AlignmentPanel(p.project);
  p.curator = new CuratorPanel(p.project);
  p.training = new TrainingPanel(p.project);
  p.render = new RenderPanel(p.project);
  p.log = new ExperimentLogPanel(p.project);
  return p;
}

OperatorPanels installOperatorPanels(QMainWindow* window, ProjectContext* project) {
  OperatorPanels p = createOperatorPanels(window, project);
  auto dock = [window](QWidget* panel, const QString& title, const QString& key, Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, window);
    d->setObjectName(QStringLiteral("dock.") + key);
    d->setWidget(panel);
    d->setAllowedAreas(Qt::AllDockWidgetAreas);
    window->addDockWidget(area, d);
    return d;
  };
  QDockWidget* sources = dock(p.sources, QStringLiteral("Sources and Match"), QStringLiteral("sources"), Qt::RightDockWidgetArea);
  QDockWidget* align = dock(p.alignment, QStringLiteral("Alignment"), QStringLiteral("alignment"), Qt::RightDockWidgetArea);
  QDockWidget* curate = dock(p.curator, QStringLiteral("Curate"), QStringLiteral("curate"), Qt::RightDockWidgetArea);
  window->tabifyDockWidget(sources, align);
  window->tabifyDockWidget(align, curate);
  sources->raise();
  QDockWidget* train = dock(p.training, QStringLiteral("Training"), QStringLiteral("training"), Qt::BottomDockWidgetArea);
  QDockWidget* render = dock(p.render, QStringLiteral("Render"), QStringLiteral("render"), Qt::BottomDockWidgetArea);
  QDockWidget* log = dock(p.log, QStringLiteral("Experiment log"), QStringLiteral("log"), Qt::BottomDockWidgetArea);
  window->tabifyDockWidget(train, render);
  window->tabifyDockWidget(render, log);
  train->raise();
  // Problems and news go to the status bar (the main window's log panel may listen too).
  QObject::connect(p.project, &ProjectContext::errorOccurred, window,
                   [window](const QString& m) { window->statusBar()->showMessage(m, 10000); });
  QObject::connect(p.project, &ProjectContext::statusMessage, window,
                   [window](const QString& m) { window->statusBar()->showMessage(m, 5000); });
  return p;
}

}  // namespace filmrecover::ui
