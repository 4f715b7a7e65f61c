#pragma once
// The QC summary a supervisor reads first when a recovery ends: the hold-out figures of the
// model, the match-grade baseline and the untouched source, what was flagged or skipped, and
// where the report is. Printed by `recover` (and `make run`), kept in its --json summary.
#include <string>

#include <nlohmann/json.hpp>

#include "core/report/report_data.h"

namespace filmrecover::pipeline {

//! {holdoutFrames, mode, candidates: [{name, psnr_rgb, psnr_luma, psnr_chroma, ssim,
//! delta_e2000, luma_identity_max}], best (by the mode's measure: ΔE2000 for chroma and
//! combined, luma PSNR for spatial), flaggedAlignment, rejectedPairs, skippedFrames, report}.
nlohmann::json qcSummaryJson(const report::ReportData& data, const std::string& reportPath);

//! The same as a few aligned lines for the terminal.
std::string qcSummaryText(const nlohmann::json& qc);

}  // namespace filmrecover::pipeline
