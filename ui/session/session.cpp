#include "ui/session/session.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <atomic>

#include "core/io/frame_source.h"

namespace filmrecover::ui {

namespace {
std::atomic<uint64_t> nextSourceId{1};

struct OpenResult {
  std::shared_ptr<const FrameSource> source;
  QString error;
};
}  // namespace

Session::Session(QObject* parent) : QObject(parent) {}

void Session::openSource(SourceRole role, const QString& spec) {
  ++opening_;
  Q_EMIT openingChanged(opening_);
  auto* watcher = new QFutureWatcher<OpenResult>(this);
  connect(watcher, &QFutureWatcher<OpenResult>::finished, this, [this, watcher, role, spec] {
    const OpenResult result = watcher->result();
    watcher->deleteLater();
    --opening_;
    Q_EMIT openingChanged(opening_);
    if (result.source)
      setSource(role, result.source, spec);
    else
      Q_EMIT openFailed(spec, result.error);
  });
  // Enumerating a long sequence or probing a movie can take seconds: never on the GUI thread.
  watcher->setFuture(QtConcurrent::run([spec]() -> OpenResult {
    OpenResult r;
    try {
      r.source = FrameSource::open(spec.toStdString());
    } catch (const std::exception& e) {
      r.error = QString::fromStdString(e.what());
    }
    return r;
  }));
}

void Session::setSource(SourceRole role, std::shared_ptr<const FrameSource> source,
                        const QString& spec) {
  if (source) {
    LoadedSource loaded;
    loaded.source = std::move(source);
    loaded.id = nextSourceId++;
    loaded.spec = spec.isEmpty() ? QString::fromStdString(loaded.source->info().spec) : spec;
    sources_[role] = loaded;
  } else {
    sources_.erase(role);
  }
  Q_EMIT sourceChanged(role);
}

LoadedSource Session::source(SourceRole role) const {
  auto it = sources_.find(role);
  return it == sources_.end() ? LoadedSource() : it->second;
}

bool Session::has(SourceRole role) const { return sources_.count(role) != 0; }

void Session::setCompareRoles(SourceRole a, SourceRole b) {
  if (a == roleA_ && b == roleB_) return;
  roleA_ = a;
  roleB_ = b;
  Q_EMIT compareRolesChanged();
}

void Session::clear() {
  const auto old = sources_;
  sources_.clear();
  frameMaps_.clear();
  projectDir_.clear();
  for (const auto& [role, loaded] : old) Q_EMIT sourceChanged(role);
}

int Session::mapFrame(const SourceInfo& a, const SourceInfo& b, int frameA) {
  if (b.frames.empty()) return frameA;
  const int bFirst = b.frames.front(), bLast = b.frames.back();
  if (frameA >= bFirst && frameA <= bLast) return frameA;
  const int aFirst = a.frames.empty() ? frameA : a.frames.front();
  return bFirst + (frameA - aFirst);
}

void Session::setFrameMap(SourceRole role, const QString& spec, std::map<int, int> sourceToRole) {
  if (sourceToRole.empty())
    frameMaps_.erase(role);
  else
    frameMaps_[role] = FrameMap{spec, std::move(sourceToRole)};
  Q_EMIT frameMapChanged(role);
}

const std::map<int, int>* Session::frameMap(SourceRole role) const {
  const auto map = frameMaps_.find(role);
  const auto shown = sources_.find(role);
  if (map == frameMaps_.end() || shown == sources_.end() || shown->second.spec != map->second.spec) return nullptr;
  return &map->second.toRole;
}

std::optional<int> Session::correspondingFrame(SourceRole from, int frame, SourceRole to) const {
  const LoadedSource a = source(from), b = source(to);
  if (!a.source || !b.source || from == to) return frame;
  const std::map<int, int>* fromMap = frameMap(from);
  const std::map<int, int>* toMap = frameMap(to);
  if (!fromMap && !toMap) return mapFrame(a.source->info(), b.source->info(), frame);
  // Through the source's numbering: roles without a map (source, aligned, restored, baseline)
  // are numbered as the source is.
  int sourceFrame = frame;
  if (fromMap) {
    // Several source frames may show the same reference frame (a re-timed reference holds
    // some frames twice): the first of them.
    const auto hit = std::find_if(fromMap->begin(), fromMap->end(), [frame](const auto& p) { return p.second == frame; });
    if (hit == fromMap->end()) return std::nullopt;
    sourceFrame = hit->first;
  }
  if (!toMap) return sourceFrame;
  const auto it = toMap->find(sourceFrame);
  if (it == toMap->end()) return std::nullopt;
  return it->second;
}

}  // namespace filmrecover::ui
