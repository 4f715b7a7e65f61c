#include "core/workflow/stage_records.h"

#include <algorithm>
#include <filesystem>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"
#include "core/io/frame_set.h"
#include "core/io/frame_source.h"
#include "core/workflow/project_layout.h"

namespace filmrecover::workflow {
namespace fs = std::filesystem;

std::string absoluteSpec(const std::string& spec) {
  if (spec.empty() || fs::path(spec).is_absolute()) return spec;
  return fs::absolute(spec).lexically_normal().string();
}

project::SourceRecord elementRecord(const std::string& role, const FrameSource& element) {
  const SourceInfo& info = element.info();
  project::SourceRecord r;
  r.role = role;
  r.spec = absoluteSpec(info.spec);
  r.frameCount = static_cast<int>(info.frames.size());
  r.first = info.frames.empty() ? 0 : info.frames.front();
  r.last = info.frames.empty() ? 0 : info.frames.back();
  r.width = info.width;
  r.height = info.height;
  r.info = {{"kind", info.kind},           {"channels", info.channels},        {"dataType", info.dataType},
            {"frameRate", info.frameRate}, {"missing", info.missing.size()}, {"codec", info.codec}};
  return r;
}

std::string titleFromSpec(const std::string& spec) {
  std::string stem = fs::path(spec).stem().string();
  while (!stem.empty() && (stem.back() == '#' || stem.back() == '@' || stem.back() == '.' || stem.back() == '_'))
    stem.pop_back();
  if (const auto pct = stem.find('%'); pct != std::string::npos) stem = stem.substr(0, pct);
  while (!stem.empty() && (stem.back() == '.' || stem.back() == '_')) stem.pop_back();
  return stem.empty() ? fs::absolute(spec).parent_path().filename().string() : stem;
}

int64_t recordElement(project::ProjectCatalog& catalog, const std::string& role, const FrameSource& element) {
  if (role == "source" && !catalog.meta("title")) catalog.setMeta("title", titleFromSpec(element.info().spec));
  return catalog.addSource(elementRecord(role, element));
}

std::vector<project::MappingRecord> mappingRecords(const match::Mapping& mapping) {
  std::vector<project::MappingRecord> rows;
  rows.reserve(mapping.pairs.size());
  for (const auto& p : mapping.pairs) rows.push_back({p.source, p.reference, p.confidence, p.flagged(), p.flag});
  return rows;
}

void recordMapping(project::ProjectCatalog& catalog, const match::Mapping& mapping) {
  catalog.replaceMapping(mappingRecords(mapping));
}

std::vector<FrameDefect> matchDefects(const match::Mapping& mapping, const FrameSource& element, bool isSource) {
  std::vector<FrameDefect> all = isSource ? mapping.sourceDefects : mapping.referenceDefects;
  for (int f : element.info().missing) all.push_back(missingFrameDefect(element, f));
  std::sort(all.begin(), all.end(), [](const FrameDefect& a, const FrameDefect& b) { return a.frame < b.frame; });
  return all;
}

std::vector<project::TransformRecord> transformRecords(const align::Transforms& transforms) {
  std::vector<project::TransformRecord> rows;
  rows.reserve(transforms.frames.size());
  for (const auto& f : transforms.frames) {
    project::TransformRecord r;
    r.sourceFrame = f.source;
    r.matrix = f.matrix;
    r.residual = f.residual;
    r.inlierRatio = f.inlierRatio;
    r.flagged = f.flagged();
    r.reason = f.flag;
    rows.push_back(r);
  }
  return rows;
}

void recordAlignment(project::ProjectCatalog& catalog, const align::Transforms& transforms) {
  catalog.replaceTransforms(transformRecords(transforms));
  if (!transforms.sharedCrop.empty()) catalog.setCrop(transforms.sharedCrop);
}

void alignmentDefects(const align::Transforms& transforms, const FrameSource& source, const FrameSource& reference,
                      std::vector<FrameDefect>& sourceDefects, std::vector<FrameDefect>& referenceDefects) {
  for (const auto& s : transforms.skipped) {
    if (!s.unreadable) continue;
    const std::string sourceFile = source.framePath(s.source);
    const bool fromSource = !sourceFile.empty() && s.reason.find(sourceFile) != std::string::npos;
    (fromSource ? sourceDefects : referenceDefects)
        .push_back({fromSource ? s.source : s.reference, fromSource ? sourceFile : reference.framePath(s.reference),
                    defect::kUnreadable, s.reason});
  }
}

std::vector<project::CurationRecord> curationRecords(const curate::Selection& selection, const std::string& who,
                                                     const std::vector<int>& keep) {
  std::vector<project::CurationRecord> rows;
  const std::string at = project::ProjectCatalog::now();
  auto add = [&](int frame, const std::string& decision, const std::string& reason) {
    if (std::find(keep.begin(), keep.end(), frame) == keep.end()) rows.push_back({frame, decision, reason, who, at});
  };
  for (int f : selection.train) add(f, "train", "diverse pick");
  for (int f : selection.holdout) add(f, "holdout", "spread over time");
  for (const auto& r : selection.rejected) add(r.frame, "rejected", r.reason);
  return rows;
}

void recordCuration(project::ProjectCatalog& catalog, const curate::DatasetFile& dataset, const std::string& who) {
  catalog.replaceCuration(who, curationRecords(dataset.selection, who));
  if (!dataset.crop.empty()) catalog.setCrop(dataset.crop);
}

curate::DatasetFile writeCuratedDataset(const project::ProjectCatalog& catalog) {
  const ProjectLayout layout = ProjectLayout::at(catalog.dir());
  curate::DatasetFile dataset;
  for (const auto& c : catalog.curation()) {
    if (c.decision == "train") dataset.selection.train.push_back(c.frame);
    else if (c.decision == "holdout") dataset.selection.holdout.push_back(c.frame);
    else if (c.decision == "rejected") dataset.selection.rejected.push_back({c.frame, c.reason});
  }
  if (dataset.selection.train.empty())
    throw InputError("no pair of " + layout.root + " is marked for training: mark pairs or let curate suggest them.");
  for (auto* frames : {&dataset.selection.train, &dataset.selection.holdout}) std::sort(frames->begin(), frames->end());
  dataset.crop = catalog.crop().value_or(Rect{});
  if (const auto source = catalog.sourceByRole("source")) dataset.source = source->spec;
  dataset.aligned = layout.alignedPattern();
  dataset.mapping = layout.mapping();
  curate::writeDatasetFile(dataset, layout.dataset());
  return dataset;
}

std::vector<project::FrameDefectRecord> frameDefectRecords(const std::string& role, const std::string& stage,
                                                           const std::vector<FrameDefect>& defects) {
  std::vector<project::FrameDefectRecord> rows;
  rows.reserve(defects.size());
  for (const auto& d : defects) rows.push_back({role, stage, d.frame, d.path, d.kind, d.message, ""});
  return rows;
}

void recordFrameDefects(project::ProjectCatalog& catalog, const std::string& role, const std::string& stage,
                        const std::vector<FrameDefect>& defects, const std::vector<int>& frames) {
  catalog.replaceFrameDefects(role, stage, frameDefectRecords(role, stage, defects), frames);
}

void writeProjectExports(const project::ProjectCatalog& catalog) {
  const ProjectLayout layout = ProjectLayout::at(catalog.dir());
  writeFileAtomic(layout.experimentLog(), catalog.experimentLogMarkdown());
  writeFileAtomic(layout.projectJson(), catalog.toJson().dump(1) + "\n");
}


void recordBaselineGrade(project::ProjectCatalog& catalog, const std::string& sourceSpec, const std::string& pattern,
                         const std::vector<int>& frames, const std::vector<int>& trainingFrames,
                         const std::string& lutPath, const nlohmann::json& fit) {
  project::RenderRecord r;
  r.runId = 0;
  r.output = absoluteSpec(pattern);
  r.frames = formatFrameSet(frames);
  r.status = "running";
  const int64_t id = catalog.beginRender(r);
  catalog.finishRender(id, "done",
                       {{"recovery", "match-grade baseline"}, {"source", sourceSpec}, {"lut", lutPath}, {"fit", fit}});
  project::ExperimentEntry e;
  e.at = project::ProjectCatalog::now();
  e.title = "Match-grade baseline";
  e.frames = "fitted on " + formatFrameSet(trainingFrames) + " | graded " + formatFrameSet(frames);
  e.outputs = pattern + " , " + lutPath;
  e.settings = fit;
  catalog.addExperiment(e);
}

}  // namespace filmrecover::workflow
