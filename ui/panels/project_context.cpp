#include "ui/panels/project_context.h"

#include <QDir>
#include <stdexcept>

#include "core/exec/errors.h"
#include "core/io/frame_source.h"
#include "ui/jobs/worker_job.h"

namespace filmrecover::ui {

ProjectContext::ProjectContext(QObject* parent) : QObject(parent) {
  opener_ = new WorkerJob(QStringLiteral("open elements"), this);
  connect(opener_, &WorkerJob::failed, this, &ProjectContext::errorOccurred);
  connect(opener_, &WorkerJob::finished, this, [this]() {
    if (reopenPending_) {
      reopenPending_ = false;
      reopenElements();
    }
  });
}

ProjectContext::~ProjectContext() = default;

bool ProjectContext::openProject(const QString& dir) {
  try {
    workflow::migrateLegacyLayout(workflow::ProjectLayout::at(dir.toStdString()));
    auto catalog = std::make_unique<project::ProjectCatalog>(dir.toStdString());
    catalog_ = std::move(catalog);
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromStdString(e.what()));
    return false;
  }
  dir_ = QDir(dir).absolutePath();
  for (auto& e : elements_) e.reset();
  for (int& g : elementGeneration_) ++g;  // an open of the previous project is ignored
  Q_EMIT projectOpened();
  reopenElements();
  return true;
}

project::ProjectCatalog& ProjectContext::catalog() {
  if (!catalog_) throw InputError("no project is open: open or create one first.");
  return *catalog_;
}

// One layout for the project folder: the workflow layer's (recover and --project use it too).
workflow::ProjectLayout ProjectContext::layout() const { return workflow::ProjectLayout::at(dir_.toStdString()); }
QString ProjectContext::mappingPath() const { return QString::fromStdString(layout().mapping()); }
QString ProjectContext::transformsPath() const { return QString::fromStdString(layout().transforms()); }
QString ProjectContext::alignedPattern() const { return QString::fromStdString(layout().alignedPattern()); }
QString ProjectContext::datasetPath() const { return QString::fromStdString(layout().dataset()); }
QString ProjectContext::modelsDir() const { return QString::fromStdString(layout().modelsDir()); }
QString ProjectContext::rendersDir() const { return QString::fromStdString(layout().rendersDir()); }
QString ProjectContext::cacheDir() const { return QString::fromStdString(layout().matchCache()); }

std::shared_ptr<FrameSource> ProjectContext::element(ElementRole role) const {
  return elements_[static_cast<int>(role)];
}

void ProjectContext::setElement(ElementRole role, std::shared_ptr<FrameSource> source) {
  elements_[static_cast<int>(role)] = std::move(source);
  ++elementGeneration_[static_cast<int>(role)];  // an open still running must not undo this
  Q_EMIT elementsChanged();
}

bool ProjectContext::opening() const { return opener_->isRunning(); }

std::string ProjectContext::operatorName() const {
  if (catalog_) {
    if (auto who = catalog_->meta("operator"); who && !who->empty()) return *who;
  }
  return "operator";
}

void ProjectContext::reopenElements() {
  if (!catalog_) return;
  if (opener_->isRunning()) {  // once the running open ends, open again with what is current
    reopenPending_ = true;
    return;
  }
  std::string specs[3];
  if (auto s = catalog_->sourceByRole("source")) specs[0] = s->spec;
  if (auto s = catalog_->sourceByRole("reference")) specs[1] = s->spec;
  const QString alignedDir = QString::fromStdString(layout().alignedDir());
  if (QDir(alignedDir).exists() && !QDir(alignedDir).entryList({QStringLiteral("*.exr")}, QDir::Files).isEmpty())
    specs[2] = alignedPattern().toStdString();
  // Elements already open with the same spec stay as they are: opening again would make the
  // io layer re-check its image cache while panels read from it.
  std::shared_ptr<FrameSource> keep[3];
  for (int i = 0; i < 3; ++i)
    if (elements_[i] && !specs[i].empty() && elements_[i]->info().spec == specs[i] && i != 2) keep[i] = elements_[i];
  const std::array<int, 3> generation = elementGeneration_;
  opener_->start([this, s0 = specs[0], s1 = specs[1], s2 = specs[2], generation, k0 = keep[0], k1 = keep[1],
                  k2 = keep[2]](const JobContext&) -> WorkerJob::Deliver {
    std::shared_ptr<FrameSource> opened[3] = {k0, k1, k2};
    const std::string specs[3] = {s0, s1, s2};
    std::string problems;
    for (int i = 0; i < 3; ++i) {
      if (specs[i].empty() || opened[i]) continue;
      try {
        opened[i] = FrameSource::open(specs[i]);
      } catch (const std::exception& e) {
        problems += (problems.empty() ? "" : " ") + std::string(e.what());
      }
    }
    return [this, a = opened[0], b = opened[1], c = opened[2], problems, generation]() {
      const std::shared_ptr<FrameSource> result[3] = {a, b, c};
      for (int i = 0; i < 3; ++i)  // roles set by hand meanwhile (an element just added) stay
        if (elementGeneration_[i] == generation[i]) elements_[i] = result[i];
      Q_EMIT elementsChanged();
      if (!problems.empty()) Q_EMIT errorOccurred(QString::fromStdString(problems));
    };
  });
}

}  // namespace filmrecover::ui
