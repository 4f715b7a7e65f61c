#pragma once
// The match, align and curate stages, run one way by recover, the per-stage commands
// (--project) and the workstation's panels: do the work, write the stage's file, and record
// the result and the frames that could not be read in the project's catalog (when given;
// it must belong to the calling thread).
#include <memory>
#include <string>
#include <vector>

#include "core/align/align_pairs.h"
#include "core/curate/curate_job.h"
#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/io/frame_defect.h"
#include "core/match/match_sources.h"

namespace filmrecover {
class FrameSource;
}
namespace filmrecover::project {
class ProjectCatalog;
}

namespace filmrecover::workflow {

//! What match found, and the frames of each element it matched around (gaps included).
struct MatchOutcome {
  match::Mapping mapping;
  std::vector<FrameDefect> sourceDefects, referenceDefects;
};
//! Matches, writes `mappingPath`, records the pairs and the defects (stage "match").
MatchOutcome runMatch(const std::shared_ptr<FrameSource>& source, const std::shared_ptr<FrameSource>& reference,
                      const match::MatchOptions& options, const std::string& mappingPath,
                      project::ProjectCatalog* catalog, const ProgressCallback& progress = {},
                      const CancelToken& cancel = {});

//! What align produced, and the pairs it left out because a frame could not be read.
struct AlignOutcome {
  align::Transforms transforms;
  std::vector<FrameDefect> sourceDefects, referenceDefects;
};
//! Aligns the mapping's pairs into `alignedPattern` (transforms.json as the options say),
//! records the transforms, the shared crop and the defects (stage "align").
AlignOutcome runAlign(const std::shared_ptr<FrameSource>& source, const std::shared_ptr<FrameSource>& reference,
                      const match::Mapping& mapping, const std::string& alignedPattern,
                      const align::AlignOptions& options, project::ProjectCatalog* catalog,
                      const ProgressCallback& progress = {}, const CancelToken& cancel = {});

//! What curate chose, and the unreadable frames split by element.
struct CurateOutcome {
  curate::CurateResult result;
  std::vector<FrameDefect> sourceDefects, alignedDefects;
};
//! Curates (dataset.json and contact sheet as the request says) and records the decisions as
//! `who`'s, leaving frames in `keep` (decided by someone else) alone, the crop and the
//! defects (stage "curate").
CurateOutcome runCurate(const curate::CurateRequest& request, project::ProjectCatalog* catalog,
                        const std::string& who = "auto", const std::vector<int>& keep = {},
                        const ProgressCallback& progress = {}, const CancelToken& cancel = {});

}  // namespace filmrecover::workflow
