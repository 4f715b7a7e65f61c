#pragma once
// The operator's correction of one frame's registration (the Align panel's nudge), applied
// one way: the reference frame warped again with the corrected matrix and written as the
// aligned frame training reads, transforms.json and the catalog kept in step with it.
#include <array>
#include <string>

namespace filmrecover {
class FrameSource;
}
namespace filmrecover::project {
class ProjectCatalog;
}

namespace filmrecover::workflow {

struct ProjectLayout;

//! One frame's corrected registration.
struct AlignmentOverride {
  int sourceFrame = 0;
  int referenceFrame = 0;
  std::array<double, 9> matrix{1, 0, 0, 0, 1, 0, 0, 0, 1};  //!< reference pixel -> source pixel
  int width = 0, height = 0;  //!< the source's (aligned frames are at its resolution)
  std::string reason;         //!< who corrected it and how ("manual override by ...")
};

//! Writes the aligned frame first (atomically), then transforms.json, then the catalog's row
//! (when `catalog` is given, of the calling thread), so a failure leaves the old registration
//! everywhere rather than a record that does not match the frame on disk. The frame is
//! marked unflagged with `reason`. Throws what reading, warping or writing throws.
void applyAlignmentOverride(const ProjectLayout& layout, const FrameSource& reference, const AlignmentOverride& change,
                            project::ProjectCatalog* catalog);

}  // namespace filmrecover::workflow
