#pragma once
// A project folder as the workstation opens it: a saved session file when there is one, else
// sub-folders recognised by name (source, reference, aligned, restored, baseline).
#include <QString>
#include <map>

#include "ui/session/source_role.h"
#include "ui/viewer/compare_settings.h"

namespace filmrecover::ui {

//! What a project folder holds for the viewer.
struct ProjectContents {
  std::map<SourceRole, QString> sources;  //!< role → spec (folder, pattern or movie)
  SourceRole a = SourceRole::Source;
  SourceRole b = SourceRole::Restored;
  CompareSettings compare;
  bool fromSessionFile = false;
  //! Source frame → reference frame, from the project's match mapping (empty when the folder
  //! has no catalog, no mapping, or shows another reference than the catalog's).
  std::map<int, int> referenceFrames;
};

//! File name of the session saved in a project folder (Ctrl+S).
constexpr const char* kSessionFileName = "filmrecover-session.json";

//! Reads the session file of `dir`; else, in a project folder (its catalog: a recover work
//! dir, a --project folder), the elements the catalog names, source against the newest
//! restored render (else the baseline, else the aligned reference), the reference with the
//! mapping's frame numbers; else finds role folders by name (aligned*, baseline*/grade*,
//! restored*/render*/output*, reference*/ref*, source*/src*/plate*/scan*) that hold images.
//! Throws InputError naming the folder when it does not exist or holds nothing to show.
ProjectContents readProjectFolder(const QString& dir);

//! Source frame → reference frame, for every source frame the catalog of `dir` maps (flagged
//! pairs included: the best guess is still the frame to look at); empty when it has none.
std::map<int, int> referenceFrameMap(const QString& dir);

//! The role a folder name suggests; false when none.
bool roleFromFolderName(const QString& name, SourceRole* role);

//! Writes the session (sources, A/B roles, compare settings) as JSON, atomically.
//! Throws RunError naming the file when it cannot be written.
void writeSessionFile(const QString& path, const ProjectContents& contents);

}  // namespace filmrecover::ui
