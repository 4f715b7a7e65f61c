#include "core/workflow/alignment_override.h"

#include <algorithm>
#include <filesystem>

#include "core/align/registration.h"
#include "core/align/transforms.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/io/output_pattern.h"
#include "core/opencv/image_mat.h"
#include "core/project/project_catalog.h"
#include "core/workflow/project_layout.h"

namespace filmrecover::workflow {

void applyAlignmentOverride(const ProjectLayout& layout, const FrameSource& reference, const AlignmentOverride& change,
                            project::ProjectCatalog* catalog) {
  const auto& m = change.matrix;
  const cv::Matx33d matrix(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
  const Image warped =
      fromMat(align::warpToSource(toRgbMat(reference.read(change.referenceFrame)), matrix, change.width, change.height));
  std::filesystem::create_directories(layout.alignedDir());
  writeImageAtomic(OutputPattern(layout.alignedPattern()).pathFor(change.sourceFrame), warped);

  if (std::filesystem::exists(layout.transforms())) {
    align::Transforms t = align::readTransforms(layout.transforms());
    auto it = std::find_if(t.frames.begin(), t.frames.end(),
                           [&](const align::FrameTransform& f) { return f.source == change.sourceFrame; });
    if (it == t.frames.end()) {  // a pair align had skipped, aligned by hand
      align::FrameTransform f;
      f.source = change.sourceFrame;
      f.reference = change.referenceFrame;
      it = t.frames.insert(std::upper_bound(t.frames.begin(), t.frames.end(), f,
                                            [](const auto& a, const auto& b) { return a.source < b.source; }),
                           f);
    }
    it->matrix = change.matrix;
    it->flag.clear();
    it->file = OutputPattern(layout.alignedPattern()).pathFor(change.sourceFrame);
    align::writeTransforms(t, layout.transforms());
  }

  if (!catalog) return;
  auto rows = catalog->transforms();
  auto row = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.sourceFrame == change.sourceFrame; });
  if (row == rows.end()) {
    project::TransformRecord r;
    r.sourceFrame = change.sourceFrame;
    rows.push_back(r);
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.sourceFrame < b.sourceFrame; });
    row = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.sourceFrame == change.sourceFrame; });
  }
  row->matrix = change.matrix;
  row->flagged = false;
  row->reason = change.reason;
  catalog->replaceTransforms(rows);
}

}  // namespace filmrecover::workflow
