#pragma once
// The sequences open in the workstation, each in a role, and which two the viewer compares.
#include <QObject>
#include <QString>
#include <map>
#include <memory>
#include <optional>

#include "ui/session/source_role.h"

namespace filmrecover {
class FrameSource;
struct SourceInfo;
}  // namespace filmrecover

namespace filmrecover::ui {

//! One opened sequence.
struct LoadedSource {
  std::shared_ptr<const FrameSource> source;
  uint64_t id = 0;  //!< unique for the process; keys the frame cache
  QString spec;     //!< what was opened (pattern, movie or folder)
};

//! Sources by role, and the A / B roles of the viewer. Opening runs on a worker thread.
class Session : public QObject {
  Q_OBJECT
 public:
  explicit Session(QObject* parent = nullptr);

  //! Opens `spec` on a worker thread and puts it in `role`; sourceOpened or openFailed follows.
  void openSource(SourceRole role, const QString& spec);
  //! Puts an already open source in `role` (null empties the role).
  void setSource(SourceRole role, std::shared_ptr<const FrameSource> source,
                 const QString& spec = QString());
  //! The source in `role` (empty when none).
  LoadedSource source(SourceRole role) const;
  //! True when `role` holds a source.
  bool has(SourceRole role) const;

  //! Chooses which roles the viewer shows as A and B.
  void setCompareRoles(SourceRole a, SourceRole b);
  SourceRole roleA() const { return roleA_; }
  SourceRole roleB() const { return roleB_; }
  //! The project folder, when one is open ("" otherwise).
  QString projectDir() const { return projectDir_; }
  void setProjectDir(const QString& dir) { projectDir_ = dir; }
  //! Opens that are still running.
  int opening() const { return opening_; }
  //! Removes every source.
  void clear();

  //! The frame of `b` shown with frame `frameA` of `a`: the same number when `b` has it,
  //! else the same position counted from each source's first frame.
  static int mapFrame(const SourceInfo& a, const SourceInfo& b, int frameA);

  //! Declares which frame of `role` belongs with each source frame (for the raw reference:
  //! the match mapping; a re-timed DVD's frame 230 may be the scan's frame 212). It holds
  //! while `role` shows `spec` (opening something else there drops it); an empty map drops it.
  void setFrameMap(SourceRole role, const QString& spec, std::map<int, int> sourceToRole);
  //! The frame map of `role` when one holds for what it shows (null otherwise).
  const std::map<int, int>* frameMap(SourceRole role) const;
  //! The frame of `to` shown with frame `frame` of `from`: through the source's frame numbers
  //! when either role has a frame map (nullopt when `to` has no frame for it, e.g. a source
  //! frame the reference never shows), else mapFrame's rule.
  std::optional<int> correspondingFrame(SourceRole from, int frame, SourceRole to) const;

 Q_SIGNALS:
  //! A role's source changed (opened, replaced or removed).
  void sourceChanged(filmrecover::ui::SourceRole role);
  //! A or B changed.
  void compareRolesChanged();
  //! Opening `spec` failed; `message` is one sentence naming the path.
  void openFailed(const QString& spec, const QString& message);
  //! An open started or finished (for a progress indicator).
  void openingChanged(int opening);
  //! A role's frame map was set or dropped.
  void frameMapChanged(filmrecover::ui::SourceRole role);

 private:
  struct FrameMap {
    QString spec;                 //!< what the role must show for the map to hold
    std::map<int, int> toRole;    //!< source frame → frame of the role
  };
  std::map<SourceRole, LoadedSource> sources_;
  std::map<SourceRole, FrameMap> frameMaps_;
  SourceRole roleA_ = SourceRole::Source;
  SourceRole roleB_ = SourceRole::Restored;
  QString projectDir_;
  int opening_ = 0;
};

}  // namespace filmrecover::ui
