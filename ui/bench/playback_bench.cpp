#include "ui/bench/playback_bench.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <cmath>
#include <cstdio>

#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "ui/app/settle.h"
#include "ui/log/log_panel.h"
#include "ui/main/main_window.h"
#include "ui/scopes/scopes_panel.h"
#include "ui/session/session.h"
#include "ui/viewer/frame_cache.h"
#include "ui/viewer/frame_loader.h"
#include "ui/viewer/playback.h"
#include "ui/viewer/viewer.h"
#include "ui/viewer/viewer_panel.h"

namespace filmrecover::ui {

namespace {

// A moving colour gradient with a bright bar, so each frame differs and scopes have content.
Image benchFrame(int w, int h, int index) {
  Image img(w, h, 3);
  const float phase = index * 0.05f;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const float u = float(x) / w, v = float(y) / h;
      img.at(x, y, 0) = 0.5f + 0.45f * std::sin(6.28f * (u + phase));
      img.at(x, y, 1) = v;
      img.at(x, y, 2) = 0.5f + 0.45f * std::cos(6.28f * (u * v + phase));
      if (std::abs(x - (index * 40) % w) < 8) img.at(x, y, 0) = img.at(x, y, 1) = img.at(x, y, 2) = 1.0f;
    }
  return img;
}

}  // namespace

QString runPlaybackBenchmark(const QString& dir, double seconds, int frames, double fps) {
  const int w = 2048, h = 1080;
  QDir().mkpath(dir);
  const QString pattern = QDir(dir).filePath(QStringLiteral("bench.%1.exr"));
  for (int i = 0; i < frames; ++i) {
    const QString path = pattern.arg(1001 + i, 4, 10, QLatin1Char('0'));
    if (!QFileInfo::exists(path)) writeImageAtomic(path.toStdString(), benchFrame(w, h, i));
  }
  auto source = FrameSource::open(QDir(dir).filePath(QStringLiteral("bench.####.exr")).toStdString());

  MainWindow window;
  window.resize(1600, 1000);
  window.show();
  window.setCompareSources(source, SourceRole::Source, nullptr, SourceRole::Restored);
  ViewerPanel* panel = window.viewerPanel();
  Playback* playback = panel->playback();
  playback->setFrames(source->info().frames, fps);  // the benchmark's rate, whatever the files say

  // Fill the cache first: this measures display from cache, not decoding.
  QElapsedTimer fill;
  fill.start();
  panel->setCacheWholeRange(true);
  panel->loader()->waitForIdle(300000);
  const double fillSeconds = fill.elapsed() / 1000.0;
  waitUntilSettled(window, 20000, 500);
  const uint64_t sourceId = window.session()->source(SourceRole::Source).id;
  const int cachedBefore = static_cast<int>(panel->cache()->framesOf(sourceId).size());
  int errors = 0;
  for (int i = 0; i < window.logPanel()->count(); ++i)
    if (window.logPanel()->level(i) == QLatin1String("error")) {
      ++errors;
      std::fprintf(stderr, "%s\n", qPrintable(window.logPanel()->text(i)));
    }

  const long long scopesBefore = window.scopesPanel()->computer()->completed();
  const long long paintsBefore = window.viewer()->paintCount();
  const double paintMsBefore = window.viewer()->paintMs(), uploadMsBefore = window.viewer()->uploadMs();
  playback->play();
  QElapsedTimer run;
  run.start();
  while (run.elapsed() < seconds * 1000.0) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
  }
  playback->stop();
  const double elapsed = run.elapsed() / 1000.0;
  const long long due = static_cast<long long>(std::floor(elapsed * fps));
  QJsonObject result{
      {"benchmark", "gui_playback"},
      {"width", w},
      {"height", h},
      {"frames", frames},
      {"format", "exr half, RGB"},
      {"fps_target", fps},
      {"seconds", elapsed},
      {"frames_due", due},
      {"frames_shown", playback->shownFrames()},
      {"frames_dropped", playback->droppedFrames()},
      {"dropped_percent", due > 0 ? 100.0 * playback->droppedFrames() / due : 0.0},
      {"fps_achieved", playback->shownFrames() / elapsed},
      {"paints", window.viewer()->paintCount() - paintsBefore},
      {"paint_ms_mean", (window.viewer()->paintMs() - paintMsBefore) /
                            std::max(1LL, window.viewer()->paintCount() - paintsBefore)},
      {"upload_ms_mean", (window.viewer()->uploadMs() - uploadMsBefore) /
                             std::max(1LL, window.viewer()->paintCount() - paintsBefore)},
      {"scope_updates", window.scopesPanel()->computer()->completed() - scopesBefore},
      {"cache_fill_seconds", fillSeconds},
      {"cached_frames_at_start", cachedBefore},
      {"errors", errors},
      {"cache_mib", static_cast<double>(panel->cache()->usedBytes()) / (1 << 20)},
      {"gl", window.viewer()->glDescription()},
      {"threads", QThread::idealThreadCount()},
  };
  return QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
}

}  // namespace filmrecover::ui
