#pragma once
#include <string>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/report/report_data.h"

namespace filmrecover::pipeline {

//! Fills the QC report from a recover work dir: the catalog (sources, mode, operator,
//! training settings and metrics), mapping.json, aligned/transforms.json, dataset.json,
//! contact_sheet.png, the model's metrics.jsonl, quality.json (warnings), and metrics of the
//! model, the match-grade baseline and the untouched source against the aligned reference
//! on the hold-out frames, plus before/after stills (a hold-out frame and, when there is
//! one, a frame the reference does not cover). Parts that are missing are left empty.
//! Throws InputError when `workDir` is not a recover work dir.
report::ReportData buildReportData(const std::string& workDir, const CancelToken& cancel = {},
                                   const ProgressCallback& progress = {});

}  // namespace filmrecover::pipeline
