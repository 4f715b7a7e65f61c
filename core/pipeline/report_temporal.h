#pragma once
// The temporal consistency and grain measures of the QC report (report::ReportData::temporal):
// each candidate against the aligned reference over runs of consecutive frames, under the
// source's motion, split at the source's cuts.
#include <string>
#include <vector>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/report/report_data.h"

namespace filmrecover {
class FrameSource;
}

namespace filmrecover::pipeline {

//! The frames measured: all of `available` (ascending) when at most `maxFrames`, else
//! `maxFrames / run` runs of up to `run` consecutive frames spread evenly over it (a run is
//! cut short at a gap), so steps of 1, 2 and 4 frames stay measurable within each run.
std::vector<int> temporalFrames(const std::vector<int>& available, int maxFrames = 96, int run = 8);

//! A candidate to measure: its name and frames (null = left out).
struct TemporalCandidate {
  std::string name;
  const FrameSource* frames = nullptr;
};

//! Fills d.temporal and d.temporalFrames: every candidate against `aligned`, with `source`
//! as the motion guide and grain reference, over temporalFrames of the frames all of them
//! hold; `cuts` are the source's first frames of shots. Leaves d untouched when fewer than
//! two consecutive frames are shared.
void addTemporalMeasures(report::ReportData& d, const std::vector<TemporalCandidate>& candidates,
                         const FrameSource& aligned, const FrameSource& source, const std::vector<int>& cuts,
                         const ProgressCallback& progress = {}, const CancelToken& cancel = {});

}  // namespace filmrecover::pipeline
