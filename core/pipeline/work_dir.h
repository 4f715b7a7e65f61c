#pragma once
#include <string>

namespace filmrecover::pipeline {

//! Where each stage of `recover` keeps its result inside the work dir.
struct WorkDir {
  std::string root;
  std::string mapping() const { return root + "/mapping.json"; }
  std::string quality() const { return root + "/quality.json"; }
  std::string alignedPattern() const { return root + "/aligned/aligned.####.exr"; }
  std::string transforms() const { return root + "/aligned/transforms.json"; }
  std::string dataset() const { return root + "/dataset.json"; }
  std::string contactSheet() const { return root + "/contact_sheet.png"; }
  std::string model() const { return root + "/model/model.frm"; }
  std::string baselinePattern() const { return root + "/baseline/baseline.####.exr"; }
  std::string baselineLut() const { return root + "/baseline/match_grade.cube"; }
  std::string report() const { return root + "/report.html"; }
  std::string experimentLog() const { return root + "/experiment_log.md"; }
  std::string projectJson() const { return root + "/project.json"; }
  std::string matchCache() const { return root + "/cache"; }
};

}  // namespace filmrecover::pipeline
