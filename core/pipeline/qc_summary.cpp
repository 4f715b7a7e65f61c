#include "core/pipeline/qc_summary.h"

#include <cstdio>
#include <sstream>

#include "core/report/verdict.h"

namespace filmrecover::pipeline {

using nlohmann::json;

namespace {

// Chroma recovery is judged on colour with the luma kept (ΔE2000); spatial on luma detail.
bool lowerIsBetter(const std::string& mode) { return mode != "spatial"; }
const char* measureOf(const std::string& mode) { return mode == "spatial" ? "psnr_luma" : "delta_e2000"; }

std::string number(const json& v, int decimals) {
  if (!v.is_number()) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, v.get<double>());
  return text;
}

}  // namespace

json qcSummaryJson(const report::ReportData& data, const std::string& reportPath) {
  json qc;
  qc["mode"] = data.mode;
  qc["holdoutFrames"] = data.holdoutFrames;
  json candidates = json::array();
  for (const auto& c : data.candidates) {
    const auto& m = c.metrics.mean;
    json row = {{"name", c.name},         {"psnr_rgb", m.psnrRgb},  {"psnr_luma", m.psnrLuma},
                {"psnr_chroma", m.psnrChroma}, {"ssim", m.ssim}, {"delta_e2000", m.deltaE2000Mean}};
    if (m.hasSource) row["luma_identity_max"] = m.lumaIdentityMax;
    // Chroma recovery must keep the source's luma: a candidate that moves it is listed
    // but cannot be the best (report/verdict.h).
    row["eligible"] = !report::keepsLumaByMode(data.mode) || report::keepsLuma(c);
    candidates.push_back(row);
  }
  qc["candidates"] = candidates;
  const std::string measure = measureOf(data.mode);
  qc["measure"] = measure;
  json best;
  for (const auto& c : candidates)
    if (c.value("eligible", true) &&
        (best.is_null() || (lowerIsBetter(data.mode) ? c[measure] < best[measure] : c[measure] > best[measure])))
      best = c;
  qc["best"] = best.is_null() ? json() : best["name"];
  int flagged = 0;
  for (const auto& a : data.alignment) flagged += a.flagged;
  qc["flaggedAlignment"] = flagged;
  qc["skippedFrames"] = data.skippedFrames.size();
  qc["warnings"] = data.warnings;
  qc["report"] = reportPath;
  return qc;
}

std::string qcSummaryText(const json& qc) {
  std::ostringstream s;
  s << "QC summary (hold-out frames " << qc.value("holdoutFrames", std::string("-")) << ", against the aligned reference)\n";
  s << "  " << std::string(22, ' ') << "  dE2000  chroma PSNR  luma PSNR    SSIM  max |dY|\n";
  for (const auto& c : qc["candidates"]) {
    std::string name = c.value("name", std::string());
    name.resize(22, ' ');
    char line[160];
    std::snprintf(line, sizeof line, "  %s  %6s  %11s  %9s  %6s  %8s\n", name.c_str(),
                  number(c["delta_e2000"], 2).c_str(), number(c["psnr_chroma"], 2).c_str(),
                  number(c["psnr_luma"], 2).c_str(), number(c["ssim"], 3).c_str(),
                  number(c.value("luma_identity_max", json()), 4).c_str());
    s << line;
  }
  if (!qc["best"].is_null())
    s << "  best by " << (qc.value("measure", std::string()) == "psnr_luma" ? "luma PSNR" : "dE2000") << ": "
      << qc["best"].get<std::string>() << "\n";
  // A supervisor sees a lower ΔE2000 beside a candidate that was not chosen: say why.
  for (const auto& c : qc["candidates"])
    if (!c.value("eligible", true))
      s << "  not eligible: " << c.value("name", std::string()) << " moves the source's luma (max |dY| "
        << number(c.value("luma_identity_max", json()), 4) << "; " << qc.value("mode", std::string())
        << " recovery keeps it within " << number(json(report::kLumaIdentityTolerance), 3) << ")\n";
  s << "  flagged alignments: " << qc.value("flaggedAlignment", 0) << ", skipped frames: "
    << qc.value("skippedFrames", 0) << ", warnings: " << qc["warnings"].size() << "\n";
  for (const auto& w : qc["warnings"]) s << "  - " << w.get<std::string>() << "\n";
  s << "  report: " << qc.value("report", std::string()) << "\n";
  return s.str();
}

}  // namespace filmrecover::pipeline
