#include "ui/panels/workstation_panels.h"

#include <QDockWidget>

#include "core/io/frame_source.h"
#include "ui/main/main_window.h"
#include "ui/panels/align/alignment_panel.h"
#include "ui/panels/curate/curator_panel.h"
#include "ui/panels/log/experiment_log_panel.h"
#include "ui/panels/match/sources_match_panel.h"
#include "ui/panels/project_context.h"
#include "ui/panels/render/render_panel.h"
#include "ui/panels/temporal/temporal_panel.h"
#include "ui/panels/train/training_panel.h"
#include "ui/session/session.h"
#include "ui/viewer/playback.h"
#include "ui/viewer/viewer_panel.h"

namespace filmrecover::ui {

OperatorPanels installOperatorPanels(MainWindow& window) {
  OperatorPanels p = createOperatorPanels(&window);
  // "and", not "&": dock tabs and the Window menu read "&" as a mnemonic ("Sources _Match").
  QDockWidget* sources = window.addPanel(p.sources, QStringLiteral("Sources and Match"), Qt::RightDockWidgetArea);
  QDockWidget* align = window.addPanel(p.alignment, QStringLiteral("Alignment"), Qt::RightDockWidgetArea);
  QDockWidget* curate = window.addPanel(p.curator, QStringLiteral("Curate"), Qt::RightDockWidgetArea);
  window.tabifyDockWidget(sources, align);
  window.tabifyDockWidget(align, curate);
  sources->raise();
  QDockWidget* train = window.addPanel(p.training, QStringLiteral("Training"), Qt::BottomDockWidgetArea);
  QDockWidget* render = window.addPanel(p.render, QStringLiteral("Render"), Qt::BottomDockWidgetArea);
  QDockWidget* log = window.addPanel(p.log, QStringLiteral("Experiment log"), Qt::BottomDockWidgetArea);
  window.tabifyDockWidget(train, render);
  window.tabifyDockWidget(render, log);
  // Temporal QC of what the viewer compares (the supervisor's: steadiness of B against A).
  p.temporal = new TemporalPanel(window.session());
  QDockWidget* temporal = window.addPanel(p.temporal, QStringLiteral("Temporal QC"), Qt::BottomDockWidgetArea);
  window.tabifyDockWidget(log, temporal);
  train->raise();

  ProjectContext* project = p.project;
  MainWindow* w = &window;
  QObject::connect(project, &ProjectContext::errorOccurred, w, [w](const QString& m) { w->log(QStringLiteral("error"), m); });
  QObject::connect(p.temporal, &TemporalPanel::errorOccurred, w, [w](const QString& m) { w->log(QStringLiteral("error"), m); });
  QObject::connect(project, &ProjectContext::statusMessage, w, [w](const QString& m) { w->log(QStringLiteral("info"), m); });
  QObject::connect(project, &ProjectContext::viewRequested, w, [w, project](int frame, int compareWith) {
    auto source = project->element(ElementRole::Source);
    if (!source) return;
    auto other = project->element(ElementRole::Aligned);
    SourceRole role = SourceRole::AlignedReference;
    if (!other || (compareWith == int(ElementRole::Reference) && !other->has(frame))) {
      other = project->element(ElementRole::Reference);
      role = SourceRole::Reference;
    }
    w->setCompareSources(source, SourceRole::Source, other, role);
    // The raw reference is numbered its own way: the match mapping says which of its frames
    // goes with each source frame.
    if (role == SourceRole::Reference && other) {
      std::map<int, int> frames;
      for (const project::MappingRecord& m : project->catalog().mapping()) frames[m.sourceFrame] = m.referenceFrame;
      w->session()->setFrameMap(role, QString::fromStdString(other->info().spec), std::move(frames));
    }
    w->viewerPanel()->playback()->seek(frame);
  });
  QObject::connect(project, &ProjectContext::resultViewRequested, w, [w, project](const QString& pattern, int frame) {
    auto source = project->element(ElementRole::Source);
    Session* session = w->session();
    if (source) session->setSource(SourceRole::Source, source, project->catalog().sourceByRole("source") ?
                                       QString::fromStdString(project->catalog().sourceByRole("source")->spec) : QString());
    session->openSource(SourceRole::Restored, pattern);  // on a worker
    session->setCompareRoles(SourceRole::Source, SourceRole::Restored);
    w->viewerPanel()->setCompareMode(CompareMode::Wipe);
    w->viewerPanel()->playback()->seek(frame);
  });
  // A project opened from the File menu (or the command line) opens in the panels too.
  QObject::connect(window.session(), &Session::sourceChanged, w, [w, project]() {
    const QString dir = w->session()->projectDir();
    if (!dir.isEmpty() && dir != project->dir()) project->openProject(dir);
  });
  if (!window.session()->projectDir().isEmpty()) project->openProject(window.session()->projectDir());
  return p;
}

}  // namespace filmrecover::ui
