// Report stage: always rebuilt (cheap), from what the work dir now holds.
#include <algorithm>
#include <chrono>

#include "core/pipeline/qc_summary.h"
#include "core/pipeline/recover_context.h"
#include "core/pipeline/report_builder.h"
#include "core/report/report_html.h"

namespace filmrecover::pipeline {

void runReportStage(RecoverContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  StageOutcome out{"report"};
  report::ReportData data = buildReportData(ctx.work.root, ctx.cancel, {});
  for (const auto& w : ctx.result->warnings)
    if (std::find(data.warnings.begin(), data.warnings.end(), w) == data.warnings.end()) data.warnings.push_back(w);
  report::writeReport(data, ctx.options.report);
  ctx.result->qc = qcSummaryJson(data, ctx.options.report);
  out.summary = ctx.options.report;
  ctx.report("report", 1, 1, "report written");
  out.seconds = secondsSince(t0);
  ctx.result->stages.push_back(out);
}

}  // namespace filmrecover::pipeline
