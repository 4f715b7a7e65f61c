#pragma once
// Where everything of a project lives inside its folder: the one layout that recover, the
// per-stage commands (--project) and the workstation all use.
#include <string>

namespace filmrecover::workflow {

struct ProjectLayout {
  std::string root;  //!< the project folder (absolute)

  std::string catalog() const { return root + "/project.sqlite"; }
  std::string mapping() const { return root + "/mapping.json"; }
  std::string quality() const { return root + "/quality.json"; }
  std::string matchCache() const { return root + "/cache"; }
  std::string alignedDir() const { return root + "/aligned"; }
  std::string alignedPattern() const { return alignedDir() + "/aligned.####.exr"; }
  std::string transforms() const { return alignedDir() + "/transforms.json"; }
  std::string dataset() const { return root + "/dataset.json"; }
  std::string contactSheet() const { return root + "/contact_sheet.png"; }
  std::string modelsDir() const { return root + "/models"; }
  //! The model recover trains (a GUI run names its own file in modelsDir()).
  std::string model() const { return modelsDir() + "/model.frm"; }
  std::string rendersDir() const { return root + "/renders"; }
  std::string baselineDir() const { return root + "/baseline"; }
  std::string baselinePattern() const { return baselineDir() + "/baseline.####.exr"; }
  std::string baselineLut() const { return baselineDir() + "/match_grade.cube"; }
  std::string report() const { return root + "/report.html"; }
  std::string experimentLog() const { return root + "/experiment_log.md"; }
  std::string projectJson() const { return root + "/project.json"; }

  //! The layout of folder `dir` (made absolute).
  static ProjectLayout at(const std::string& dir);
};

//! Moves what an earlier filmrecover kept elsewhere into this layout: recover's `model/`
//! folder became `models/`. A no-op when there is nothing to move; never overwrites.
void migrateLegacyLayout(const ProjectLayout& layout);

}  // namespace filmrecover::workflow
