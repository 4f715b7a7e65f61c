#include "core/workflow/stage_runs.h"

#include "core/io/frame_source.h"
#include "core/project/project_catalog.h"
#include "core/workflow/stage_records.h"

namespace filmrecover::workflow {

MatchOutcome runMatch(const std::shared_ptr<FrameSource>& source, const std::shared_ptr<FrameSource>& reference,
                      const match::MatchOptions& options, const std::string& mappingPath,
                      project::ProjectCatalog* catalog, const ProgressCallback& progress, const CancelToken& cancel) {
  MatchOutcome out;
  out.mapping = match::matchSources(source, reference, options, cancel, progress);
  match::writeMapping(out.mapping, mappingPath);
  out.sourceDefects = matchDefects(out.mapping, *source, true);
  out.referenceDefects = matchDefects(out.mapping, *reference, false);
  if (catalog) {
    recordMapping(*catalog, out.mapping);
    recordFrameDefects(*catalog, "source", "match", out.sourceDefects);
    recordFrameDefects(*catalog, "reference", "match", out.referenceDefects);
  }
  return out;
}

AlignOutcome runAlign(const std::shared_ptr<FrameSource>& source, const std::shared_ptr<FrameSource>& reference,
                      const match::Mapping& mapping, const std::string& alignedPattern,
                      const align::AlignOptions& options, project::ProjectCatalog* catalog,
                      const ProgressCallback& progress, const CancelToken& cancel) {
  AlignOutcome out;
  out.transforms = align::alignPairs(source, reference, mapping, alignedPattern, options, cancel, progress);
  alignmentDefects(out.transforms, *source, *reference, out.sourceDefects, out.referenceDefects);
  if (catalog) {
    recordAlignment(*catalog, out.transforms);
    recordFrameDefects(*catalog, "source", "align", out.sourceDefects);
    recordFrameDefects(*catalog, "reference", "align", out.referenceDefects);
  }
  return out;
}

CurateOutcome runCurate(const curate::CurateRequest& request, project::ProjectCatalog* catalog,
                        const std::string& who, const std::vector<int>& keep, const ProgressCallback& progress,
                        const CancelToken& cancel) {
  CurateOutcome out;
  out.result = curate::runCurate(request, cancel, progress);
  // A damaged frame met here is the source's, or an aligned frame.
  const auto source = FrameSource::open(request.source);
  for (const auto& d : out.result.unreadable)
    (d.path == source->framePath(d.frame) ? out.sourceDefects : out.alignedDefects).push_back(d);
  if (catalog) {
    catalog->replaceCuration(who, curationRecords(out.result.dataset.selection, who, keep));
    if (!out.result.dataset.crop.empty()) catalog->setCrop(out.result.dataset.crop);
    recordFrameDefects(*catalog, "source", "curate", out.sourceDefects);
    recordFrameDefects(*catalog, "aligned", "curate", out.alignedDefects);
  }
  return out;
}

}  // namespace filmrecover::workflow
