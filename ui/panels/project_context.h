#pragma once
// The open project as the operator panels share it: the catalog, the opened elements and
// the files the stages write. Panels read the catalog on the GUI thread (small queries);
// workers open their own catalog object (ProjectCatalog is per thread).
#include <QObject>
#include <QString>
#include <array>
#include <memory>

#include "core/project/project_catalog.h"
#include "core/workflow/project_layout.h"

namespace filmrecover {
class FrameSource;
}

namespace filmrecover::ui {

class WorkerJob;

//! Which element of the project a frame comes from.
enum class ElementRole { Source, Reference, Aligned };

//! The project the operator works on, shared by the sources, alignment, curation, training,
//! render and log panels. Changes are announced by signals so every panel stays current.
class ProjectContext : public QObject {
  Q_OBJECT
 public:
  explicit ProjectContext(QObject* parent = nullptr);
  ~ProjectContext() override;

  //! Opens (or creates) the project in `dir`; then opens its registered elements on a worker.
  //! Returns false and emits errorOccurred when the catalog cannot be opened.
  bool openProject(const QString& dir);
  //! True when a project is open.
  bool isOpen() const { return catalog_ != nullptr; }
  //! The project folder ("" when none).
  QString dir() const { return dir_; }
  //! The GUI thread's catalog. Only valid while isOpen().
  project::ProjectCatalog& catalog();

  //! The project folder's layout (core/workflow: the one recover and --project use).
  workflow::ProjectLayout layout() const;
  //! Files the stages write inside the project folder.
  QString mappingPath() const;
  QString transformsPath() const;
  QString alignedPattern() const;
  QString datasetPath() const;
  QString modelsDir() const;
  QString rendersDir() const;
  QString cacheDir() const;

  //! The opened element of `role` (null when none or still opening).
  std::shared_ptr<FrameSource> element(ElementRole role) const;
  //! Puts an opened element in place (from a worker's result) and announces it.
  void setElement(ElementRole role, std::shared_ptr<FrameSource> source);
  //! Opens the aligned frames (after align) and the registered elements again, on a worker.
  void reopenElements();
  //! Elements still being opened.
  bool opening() const;
  //! True when no element is being opened and none is waiting to be.
  bool elementsSettled() const { return !opening() && !reopenPending_; }

  //! Who decides ("operator" unless the project's meta says otherwise).
  std::string operatorName() const;

  //! Panels call these after they changed the catalog, so the others refresh.
  void notifySourcesChanged() { Q_EMIT sourcesChanged(); }
  void notifyMappingChanged() { Q_EMIT mappingChanged(); }
  void notifyTransformsChanged() { Q_EMIT transformsChanged(); }
  void notifyCurationChanged() { Q_EMIT curationChanged(); }
  void notifyRunsChanged() { Q_EMIT runsChanged(); }
  void notifyRendersChanged() { Q_EMIT rendersChanged(); }
  void notifyExperimentsChanged() { Q_EMIT experimentsChanged(); }
  //! Reports a problem to whoever shows messages (status bar, log panel).
  void reportError(const QString& message) { Q_EMIT errorOccurred(message); }
  //! Reports a line of news ("matching done: 42 pairs").
  void reportStatus(const QString& message) { Q_EMIT statusMessage(message); }
  //! Asks the viewer to show source frame `sourceFrame` against `role` (see OperatorPanels).
  void requestView(int sourceFrame, ElementRole compareWith) {
    Q_EMIT viewRequested(sourceFrame, static_cast<int>(compareWith));
  }
  //! Asks the viewer to show a rendered sequence against the source.
  void requestResultView(const QString& pattern, int frame) { Q_EMIT resultViewRequested(pattern, frame); }

 Q_SIGNALS:
  void projectOpened();
  void elementsChanged();
  void sourcesChanged();
  void mappingChanged();
  void transformsChanged();
  void curationChanged();
  void runsChanged();
  void rendersChanged();
  void experimentsChanged();
  void errorOccurred(const QString& message);
  void statusMessage(const QString& message);
  //! `compareWith` is an ElementRole as int.
  void viewRequested(int sourceFrame, int compareWith);
  void resultViewRequested(const QString& pattern, int frame);

 private:
  QString dir_;
  std::unique_ptr<project::ProjectCatalog> catalog_;
  std::shared_ptr<FrameSource> elements_[3];
  std::array<int, 3> elementGeneration_{0, 0, 0};
  WorkerJob* opener_ = nullptr;
  bool reopenPending_ = false;
};

}  // namespace filmrecover::ui
