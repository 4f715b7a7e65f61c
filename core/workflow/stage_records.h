#pragma once
// The catalog rows of each stage's result, built one way for recover, the per-stage
// commands (--project) and the workstation, and the calls that store them.
#include <string>
#include <vector>

#include "core/align/transforms.h"
#include "core/curate/dataset_file.h"
#include "core/io/frame_defect.h"
#include "core/match/mapping.h"
#include "core/project/project_catalog.h"

namespace filmrecover {
class FrameSource;
}

namespace filmrecover::workflow {

//! `spec` made absolute when it is a relative path: the catalog is read from other folders
//! (the workstation, a farm node), where a relative pattern names nothing.
std::string absoluteSpec(const std::string& spec);
//! The catalog row of an opened element of role "source" or "reference".
project::SourceRecord elementRecord(const std::string& role, const FrameSource& element);
//! Registers the element (replacing the row of the same role and spec) and names the
//! project after the source when it has no title yet; returns the row's id.
int64_t recordElement(project::ProjectCatalog& catalog, const std::string& role, const FrameSource& element);
//! "reel3/scan.####.exr" -> "scan" (the folder's name when the file name is only a frame token).
std::string titleFromSpec(const std::string& spec);

std::vector<project::MappingRecord> mappingRecords(const match::Mapping& mapping);
//! The mapping's pairs replace the catalog's.
void recordMapping(project::ProjectCatalog& catalog, const match::Mapping& mapping);
//! Per element, the frames match could not use: those it matched around and the gaps of
//! the sequence, ascending (recorded with recordFrameDefects(..., "match", ...)).
std::vector<FrameDefect> matchDefects(const match::Mapping& mapping, const FrameSource& element, bool isSource);

std::vector<project::TransformRecord> transformRecords(const align::Transforms& transforms);
//! The transforms replace the catalog's; the shared crop is stored when there is one.
void recordAlignment(project::ProjectCatalog& catalog, const align::Transforms& transforms);
//! Pairs align left out because a frame could not be read, split by the element whose file
//! it was (reasons name the file).
void alignmentDefects(const align::Transforms& transforms, const FrameSource& source, const FrameSource& reference,
                      std::vector<FrameDefect>& sourceDefects, std::vector<FrameDefect>& referenceDefects);

//! The rows of a selection decided by `who` ("auto" for the tool's suggestion). Frames in
//! `keep` (decided by someone else) are left out.
std::vector<project::CurationRecord> curationRecords(const curate::Selection& selection, const std::string& who,
                                                     const std::vector<int>& keep = {});
//! The selection replaces `who`'s decisions; the dataset's crop becomes the shared crop.
void recordCuration(project::ProjectCatalog& catalog, const curate::DatasetFile& dataset, const std::string& who = "auto");

//! The dataset the catalog's curation decisions make (whoever decided: the operator's marks
//! and the suggestion), with the shared crop and the project's files; written to the
//! project's dataset.json (atomically), which `train --project` and recover's train read.
//! InputError when no pair is marked for training.
curate::DatasetFile writeCuratedDataset(const project::ProjectCatalog& catalog);

std::vector<project::FrameDefectRecord> frameDefectRecords(const std::string& role, const std::string& stage,
                                                           const std::vector<FrameDefect>& defects);
//! What `stage` found wrong with the frames of `role`, replacing its earlier findings (on
//! `frames` only, when given: the frames this run of the stage looked at).
void recordFrameDefects(project::ProjectCatalog& catalog, const std::string& role, const std::string& stage,
                        const std::vector<FrameDefect>& defects, const std::vector<int>& frames = {});

//! experiment_log.md and project.json in the project folder, from the catalog (atomic).
void writeProjectExports(const project::ProjectCatalog& catalog);


//! Records a match-grade baseline over `frames` written to `pattern` with the LUT at
//! `lutPath`: a render row of no training run (runId 0) and an experiment-log entry.
void recordBaselineGrade(project::ProjectCatalog& catalog, const std::string& sourceSpec, const std::string& pattern,
                         const std::vector<int>& frames, const std::vector<int>& trainingFrames,
                         const std::string& lutPath, const nlohmann::json& fit);

}  // namespace filmrecover::workflow
