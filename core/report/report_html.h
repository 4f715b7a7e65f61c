#pragma once
#include <string>

#include "core/report/report_data.h"

namespace filmrecover::report {

//! The QC report as one self-contained HTML document: styles inline, plots as inline SVG,
//! images as base64 data URIs, no scripts and no external references, so it opens from
//! an e-mail attachment or an archive years later. Sections whose data is empty are left
//! out, except the metrics, which say when they are missing.
std::string renderReportHtml(const ReportData& data);

//! Renders and writes the report atomically (temp file in the same folder + rename).
//! Throws RunError naming the path when it cannot be written.
void writeReport(const ReportData& data, const std::string& path);

}  // namespace filmrecover::report
