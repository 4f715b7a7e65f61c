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
}

ProjectContext::~ProjectContext() = default;

bool ProjectContext::openProject(const QString& dir) {
  try {
    auto catalog = std::make_unique<project::ProjectCatalog>(dir.toStdString());
    catalog_ = std::move(catalog);
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromStdString(e.what()));
    return false;
  }
  dir_ = QDir(dir).absolutePath();
  for (auto& e : elements_) e.reset();
  Q_EMIT projectOpened();
  reopenElements();
  return true;
}

project::ProjectCatalog& ProjectContext::catalog() {
  if (!catalog_) throw InputError("no project is open: open or create one first.");
  return *catalog_;
}

QString ProjectContext::mappingPath() const { return dir_ + QStringLiteral("/mapping.json"); }
QString ProjectContext::transformsPath() const { return dir_ + QStringLiteral("/aligned/transforms.json"); }
QString ProjectContext::alignedPattern() const { return dir_ + QStringLiteral("/aligned/aligned.####.exr"); }
QString ProjectContext::datasetPath() const { return dir_ + QStringLiteral("/dataset.json"); }
QString ProjectContext::modelsDir() const { return dir_ + QStringLiteral("/models"); }
QString ProjectContext::rendersDir() const { return dir_ + QStringLiteral("/renders"); }
QString ProjectContext::cacheDir() const { return dir_ + QStringLiteral("/cache"); }

std::shared_ptr<FrameSource> ProjectContext::element(ElementRole role) const {
  return elements_[static_cast<int>(role)];
}

void ProjectContext::setElement(ElementRole role, std::shared_ptr<FrameSource> source) {
  elements_[static_cast<int>(role)] = std::move(source);
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
  if (opener_->isRunning()) opener_->waitForThread();
  std::string specs[3];
  if (auto s = catalog_->sourceByRole("source")) specs[0] = s->spec;
  if (auto s = catalog_->sourceByRole("reference")) specs[1] = s->spec;
  const QString alignedDir = dir_ + QStringLiteral("/aligned");
  if (QDir(alignedDir).exists() && !QDir(alignedDir).entryList({QStringLiteral("*.exr")}, QDir::Files).isEmpty())
    specs[2] = alignedPattern().toStdString();
  opener_->start([this, s0 = specs[0], s1 = specs[1], s2 = specs[2]](const JobContext&) -> WorkerJob::Deliver {
    std::shared_ptr<FrameSource> opened[3];
    const std::string specs[3] = {s0, s1, s2};
    std::string problems;
    for (int i = 0; i < 3; ++i) {
      if (specs[i].empty()) continue;
      try {
        opened[i] = FrameSource::open(specs[i]);
      } catch (const std::exception& e) {
        problems += (problems.empty() ? "" : " ") + std::string(e.what());
      }
    }
    return [this, a = opened[0], b = opened[1], c = opened[2], problems]() {
      elements_[0] = a;
      elements_[1] = b;
      elements_[2] = c;
      Q_EMIT elementsChanged();
      if (!problems.empty()) Q_EMIT errorOccurred(QString::fromStdString(problems));
    };
  });
}

}  // namespace filmrecover::ui
