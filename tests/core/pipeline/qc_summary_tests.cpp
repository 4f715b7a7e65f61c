// The QC summary recover ends with: the best candidate by the mode's own measure, the
// figures of each, what was flagged or skipped, where the report is.
#include <gtest/gtest.h>

#include "core/pipeline/qc_summary.h"

using namespace filmrecover;

namespace {

report::CandidateMetrics candidate(const std::string& name, double deltaE, double lumaPsnr, double lumaShift) {
  report::CandidateMetrics c;
  c.name = name;
  c.metrics.mean.deltaE2000Mean = deltaE;
  c.metrics.mean.psnrLuma = lumaPsnr;
  c.metrics.mean.hasSource = true;
  c.metrics.mean.lumaIdentityMax = lumaShift;
  return c;
}

report::ReportData data(const std::string& mode) {
  report::ReportData d;
  d.mode = mode;
  d.holdoutFrames = "9,17";
  d.candidates = {candidate("model", 2.4, 30.1, 0.0003), candidate("match-grade baseline", 2.6, 31.0, 0.048),
                  candidate("source", 9.0, 30.1, 0.0)};
  d.alignment = {{5, 0.2, false, ""}, {6, 3.0, true, "high residual"}};
  d.skippedFrames = {{"source", 12, "truncated", "match", "frame 12 is truncated"}};
  d.warnings = {"1 frame(s) could not be used"};
  return d;
}

}  // namespace

TEST(QcSummary, ChromaIsJudgedOnDeltaEAndSpatialOnLumaPsnr) {
  const auto chroma = pipeline::qcSummaryJson(data("chroma"), "/w/report.html");
  EXPECT_EQ(chroma["best"], "model");  // lowest ΔE2000, though the baseline's RGB-ish luma PSNR is higher
  EXPECT_EQ(chroma["measure"], "delta_e2000");
  EXPECT_EQ(chroma["flaggedAlignment"], 1);
  EXPECT_EQ(chroma["skippedFrames"], 1);
  EXPECT_EQ(chroma["report"], "/w/report.html");
  ASSERT_EQ(chroma["candidates"].size(), 3u);
  EXPECT_DOUBLE_EQ(chroma["candidates"][1]["luma_identity_max"].get<double>(), 0.048);
  const auto spatial = pipeline::qcSummaryJson(data("spatial"), "/w/report.html");
  EXPECT_EQ(spatial["best"], "match-grade baseline");  // highest luma PSNR
  const std::string text = pipeline::qcSummaryText(chroma);
  EXPECT_NE(text.find("hold-out frames 9,17"), std::string::npos) << text;
  EXPECT_NE(text.find("best by dE2000: model"), std::string::npos) << text;
  EXPECT_NE(text.find("skipped frames: 1"), std::string::npos) << text;
  EXPECT_NE(text.find("report: /w/report.html"), std::string::npos) << text;
  EXPECT_NE(text.find("2.40"), std::string::npos) << text;
}

TEST(QcSummary, ChromaCandidateThatMovesTheLumaCannotBeBest) {
  // The baseline has the lowest ΔE2000 here, but it moves the luma (0.048): chroma recovery
  // must not, so the model (luma kept) is the best; in spatial mode the luma may move.
  auto d = data("chroma");
  d.candidates[1].metrics.mean.deltaE2000Mean = 2.0;
  const auto chroma = pipeline::qcSummaryJson(d, "/w/report.html");
  EXPECT_EQ(chroma["best"], "model");
  EXPECT_FALSE(chroma["candidates"][1]["eligible"].get<bool>());
  EXPECT_TRUE(chroma["candidates"][0]["eligible"].get<bool>());
  // The text says why the lower ΔE2000 beside it was not chosen.
  const std::string text = pipeline::qcSummaryText(chroma);
  EXPECT_NE(text.find("not eligible: match-grade baseline moves the source's luma (max |dY| 0.0480; chroma "
                      "recovery keeps it within 0.002)"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("not eligible: model"), std::string::npos) << text;
  d.mode = "combined";
  const auto combined = pipeline::qcSummaryJson(d, "/w/report.html");
  EXPECT_EQ(combined["best"], "match-grade baseline");
  EXPECT_EQ(pipeline::qcSummaryText(combined).find("not eligible"), std::string::npos);
}
