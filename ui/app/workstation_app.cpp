#include "ui/app/workstation_app.h"

#include <QApplication>
#include <QMouseEvent>
#include <QSurfaceFormat>
#include <QTimer>
#include <cstdio>

#include "ui/app/command_line.h"
#include "ui/app/dark_theme.h"
#include "ui/app/settle.h"
#include "ui/app/ui_resources.h"
#include "ui/bench/playback_bench.h"
#include "ui/main/main_window.h"
#include "ui/main/window_grab.h"
#include "ui/panels/workstation_panels.h"
#include "ui/viewer/viewer.h"
#include "ui/viewer/viewer_panel.h"

namespace filmrecover::ui {

void setDefaultGlFormat() {
  QSurfaceFormat format;
  format.setVersion(3, 3);
  format.setProfile(QSurfaceFormat::CoreProfile);
  format.setSwapInterval(1);
  QSurfaceFormat::setDefaultFormat(format);
}

int runWorkstation(int argc, char** argv) {
  setDefaultGlFormat();
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("filmrecover"));
  QApplication::setOrganizationName(QStringLiteral("filmrecover"));
  initUiResources();
  const CommandLine cl = parseCommandLine(app.arguments().mid(1));
  if (cl.help) {
    std::fputs(qPrintable(commandLineHelp()), stdout);
    return 0;
  }
  if (!cl.error.isEmpty()) {
    std::fprintf(stderr, "filmrecover: %s\n", qPrintable(cl.error));
    return 1;
  }
  applyDarkTheme(app);
  if (!cl.benchPlayback.isEmpty()) {
    try {
      std::fputs(qPrintable(runPlaybackBenchmark(cl.benchPlayback, cl.benchSeconds)), stdout);
      return 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "filmrecover: %s\n", e.what());
      return 2;
    }
  }

  MainWindow window;
  // The operator panels (sources & match, alignment, curation, training, render, experiment
  // log: docs/gui-panels.md) join the viewer, scopes, probe and log.
  installOperatorPanels(window);
  // The viewer keeps the room: operator panels tab with the log below it.
  window.arrangeDocks(QStringLiteral("Sources and Match"));
  window.resize(1600, 1000);
  window.restoreLayout();
  window.show();
  if (!cl.project.isEmpty())
    window.openProject(cl.project);
  else if (cl.sources.size() == 2)
    window.openComparison(cl.sources[0], cl.sources[1]);
  else if (cl.sources.size() == 1)
    window.openSource(cl.sources[0]);
  if (!cl.compareMode.isEmpty()) {
    const CompareMode mode = cl.compareMode == QLatin1String("a")      ? CompareMode::A
                             : cl.compareMode == QLatin1String("b")    ? CompareMode::B
                             : cl.compareMode == QLatin1String("wipe") ? CompareMode::Wipe
                             : cl.compareMode == QLatin1String("side") ? CompareMode::SideBySide
                                                                       : CompareMode::Difference;
    window.viewerPanel()->setCompareMode(mode);
  }
  if (!cl.screenshot.isEmpty()) {
    waitUntilSettled(window, 60000, 1500);
    // Probe the picture's centre so the probe panel shows values too.
    Viewer* viewer = window.viewer();
    const QPointF centre(viewer->width() * 0.42, viewer->height() * 0.45);
    QMouseEvent hover(QEvent::MouseMove, centre, viewer->mapToGlobal(centre), Qt::NoButton, Qt::NoButton, {});
    QCoreApplication::sendEvent(viewer, &hover);
    waitUntilSettled(window, 10000, 200);
    const QImage shot = grabWindowWithViewer(&window, viewer);
    const bool saved = shot.save(cl.screenshot);
    if (!saved) std::fprintf(stderr, "filmrecover: could not write %s\n", qPrintable(cl.screenshot));
    return saved ? 0 : 2;
  }
  return app.exec();
}

}  // namespace filmrecover::ui
