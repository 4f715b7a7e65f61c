#include "ui/app/settle.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include "ui/main/main_window.h"
#include "ui/scopes/scopes_panel.h"
#include "ui/session/session.h"
#include "ui/viewer/frame_loader.h"
#include "ui/viewer/viewer_panel.h"

namespace filmrecover::ui {

bool waitUntilSettled(MainWindow& window, int timeoutMs, int minMs) {
  QElapsedTimer timer;
  timer.start();
  int quiet = 0;
  while (timer.elapsed() < timeoutMs) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    const bool busy = window.session()->opening() > 0 || window.viewerPanel()->loader()->busyCount() > 0 ||
                      window.viewerPanel()->pipelinePending() || window.scopesPanel()->computer()->busy();
    // Quiet for a few rounds in a row: queued results have been delivered too.
    quiet = busy ? 0 : quiet + 1;
    if (quiet >= 5 && timer.elapsed() >= minMs) return true;
    QThread::msleep(5);
  }
  return false;
}

}  // namespace filmrecover::ui
