#include "core/report/report_sections.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/exec/xml_escape.h"
#include "core/report/image_embed.h"
#include "core/report/svg_plot.h"
#include "core/report/verdict.h"
#include "core/version.h"

namespace filmrecover::report::sections {
namespace {

std::string esc(const std::string& s) { return escapeXml(s); }

std::string kvList(const std::vector<KeyValue>& items) {
  std::string h = "<dl class=\"kv\">\n";
  for (const auto& kv : items) h += "<dt>" + esc(kv.key) + "</dt><dd>" + esc(kv.value) + "</dd>\n";
  return h + "</dl>\n";
}

std::string figure(const std::string& body, const std::string& caption) {
  return "<figure>" + body + (caption.empty() ? "" : "<figcaption>" + esc(caption) + "</figcaption>") + "</figure>\n";
}

}  // namespace

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "&ndash;";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string open(const std::string& id, const std::string& heading, const std::string& lead) {
  return "<section id=\"" + id + "\">\n<h2>" + esc(heading) + "</h2>\n" +
         (lead.empty() ? "" : "<p class=\"lead\">" + esc(lead) + "</p>\n");
}

std::string header(const ReportData& d) {
  std::string h = "<header class=\"band\">\n<h1>" + esc(d.title) + "</h1>\n";
  if (!d.film.empty()) h += "<div class=\"film\">" + esc(d.film) + (d.shot.empty() ? "" : " &middot; " + esc(d.shot)) + "</div>\n";
  h += "<dl>";
  const auto item = [&](const std::string& k, const std::string& v) {
    if (!v.empty()) h += "<div><dt>" + esc(k) + "</dt><dd>" + esc(v) + "</dd></div>";
  };
  item("Recovery", d.mode.empty() ? "" : d.mode);
  item("Generated", d.generated);
  item("Operator", d.operatorName);
  item("Institution", d.institution);
  item("Software", "filmrecover " + (d.softwareVersion.empty() ? std::string(FILMRECOVER_VERSION) : d.softwareVersion));
  item("Hold-out frames", d.holdoutFrames);
  h += "</dl>\n</header>\n";
  // Table of contents of the sections that will be present.
  h += "<nav class=\"toc\">";
  const auto link = [&](bool on, const char* id, const char* text) {
    if (on) h += std::string("<a href=\"#") + id + "\">" + text + "</a>";
  };
  link(true, "summary", "Summary");
  link(!d.sources.empty(), "sources", "Sources");
  link(d.mapping.present, "mapping", "Mapping");
  link(!d.alignment.empty(), "alignment", "Alignment");
  link(!d.contactSheet.empty(), "dataset", "Dataset");
  link(!d.losses.empty(), "training", "Training");
  link(true, "metrics", "Metrics");
  link(!d.scope.scope.empty(), "scope", "Scope");
  link(!d.candidates.empty(), "sequence", "Over the sequence");
  link(!d.temporal.empty(), "temporal", "Temporal consistency &amp; grain");
  link(!d.stills.empty(), "stills", "Stills &amp; scopes");
  link(!d.provenance.empty() || !d.settings.empty(), "provenance", "Provenance");
  h += "</nav>\n";
  return h;
}

std::string summary(const ReportData& d) {
  std::string h = open("summary", "Summary");
  h += "<div class=\"kpis\">\n";
  const auto kpi = [&](const std::string& k, const std::string& v, const std::string& s, const std::string& cls = "") {
    h += "<div class=\"kpi " + cls + "\"><div class=\"k\">" + esc(k) + "</div><div class=\"v\">" + v + "</div><div class=\"s\">" +
         esc(s) + "</div></div>\n";
  };
  // The model's tile is green or red by the verdict of its mode (report/verdict.h).
  const Verdict verdict = judgeModel(d);
  for (size_t i = 0; i < d.candidates.size(); ++i) {
    const auto& c = d.candidates[i];
    const auto& m = c.metrics.mean;
    const std::string cls = i == 0 && verdict.judged ? (verdict.wins ? "good" : "bad") : "";
    if (d.mode == "chroma")
      kpi("\xCE\x94" "E00 " + c.name, fixed(m.deltaE2000Mean, 2),
          "chroma PSNR " + fixed(m.psnrChroma, 2) + " dB" +
              (m.hasSource ? ", max |\xCE\x94Y| " + fixed(m.lumaIdentityMax, 4) : std::string()),
          cls);
    else if (d.mode == "spatial")
      kpi("Y PSNR " + c.name, fixed(m.psnrLuma, 2) + " dB", "SSIM " + fixed(m.ssim, 4) + ", PSNR " + fixed(m.psnrRgb, 2) + " dB",
          cls);
    else
      kpi("PSNR " + c.name, fixed(m.psnrRgb, 2) + " dB",
          "SSIM " + fixed(m.ssim, 4) + ", \xCE\x94" "E00 " + fixed(m.deltaE2000Mean, 2), cls);
  }
  if (d.mapping.present)
    kpi("Mapped pairs", std::to_string(d.mapping.pairs), fixed(100.0 * d.mapping.coverage, 1) + "% of source frames");
  if (!d.alignment.empty()) {
    const auto flagged = std::count_if(d.alignment.begin(), d.alignment.end(), [](const AlignmentFrame& a) { return a.flagged; });
    kpi("Alignment flags", std::to_string(flagged), "of " + std::to_string(d.alignment.size()) + " aligned frames",
        flagged ? "bad" : "good");
  }
  kpi("Warnings", std::to_string(d.warnings.size()), d.warnings.empty() ? "nothing to review" : "see below",
      d.warnings.empty() ? "good" : "bad");
  h += "</div>\n";
  if (verdict.judged) {
    h += std::string("<div class=\"callout") + (verdict.wins ? " ok" : "") + "\">" + esc(verdict.sentence);
    for (const auto& n : verdict.notes) h += "<br>" + esc(n);
    h += "</div>\n";
  }
  return h + "</section>\n";
}

std::string warnings(const ReportData& d) {
  if (d.warnings.empty()) return "";
  std::string h = "<section id=\"warnings\"><div class=\"callout\"><strong>Review before sign-off</strong><ul>\n";
  for (const auto& w : d.warnings) h += "<li>" + esc(w) + "</li>\n";
  return h + "</ul></div></section>\n";
}

std::string skippedFrames(const ReportData& d) {
  if (d.skippedFrames.empty()) return "";
  std::string h = open("skipped", "Skipped frames",
                       "Frames that could not be read properly. None of them was turned into an output frame; "
                       "repair or replace the files and run again.");
  h += "<table><tr><th>Element</th><th class=\"n\">Frame</th><th>Defect</th><th>Found by</th><th>Details</th></tr>\n";
  for (const auto& s : d.skippedFrames)
    h += "<tr><td>" + esc(s.role) + "</td><td class=\"n\">" + std::to_string(s.frame) + "</td><td>" + esc(s.kind) +
         "</td><td>" + esc(s.stage) + "</td><td>" + esc(s.message) + "</td></tr>\n";
  return h + "</table>\n</section>\n";
}

std::string sources(const ReportData& d) {
  if (d.sources.empty()) return "";
  std::string h = open("sources", "Sources", "The elements of the film this recovery used.");
  h += "<table><tr><th>Role</th><th>Element</th><th>Frames</th><th class=\"n\">Count</th><th class=\"n\">Missing</th>"
       "<th class=\"n\">Resolution</th><th class=\"n\">Rate</th><th>Notes</th></tr>\n";
  for (const auto& s : d.sources)
    h += "<tr><td>" + esc(s.role) + "</td><td><code>" + esc(s.spec) + "</code></td><td>" + esc(s.frameRange) +
         "</td><td class=\"n\">" + std::to_string(s.frames) + "</td><td class=\"n\">" + std::to_string(s.missing) +
         "</td><td class=\"n\">" + std::to_string(s.width) + "&times;" + std::to_string(s.height) + "</td><td class=\"n\">" +
         (s.frameRate > 0 ? fixed(s.frameRate, 3) + " fps" : "&ndash;") + "</td><td>" + esc(s.notes) + "</td></tr>\n";
  return h + "</table>\n</section>\n";
}

std::string mapping(const ReportData& d) {
  const MappingSummary& m = d.mapping;
  if (!m.present) return "";
  std::string h = open("mapping", "Temporal mapping",
                       "Which reference frame shows the same picture as which source frame. A straight line is "
                       "a constant offset; steps are cuts; a different slope is a frame-rate change.");
  h += "<p>" + std::to_string(m.pairs) + " pairs, covering " + fixed(100.0 * m.coverage, 1) + "% of the source frames.";
  if (!m.unmatched.empty()) {
    h += " Without a pair: ";
    for (size_t i = 0; i < m.unmatched.size(); ++i) h += (i ? ", " : "") + esc(m.unmatched[i]);
    h += ".";
  }
  h += "</p>\n";
  PlotSpec p;
  p.title = "Source frame against reference frame";
  p.x.label = "source frame";
  p.y.label = "reference frame";
  p.width = 900;
  p.height = 320;
  PlotSeries s;
  s.name = "pair";
  s.line = false;
  s.markers = true;
  for (size_t i = 0; i < std::min(m.sourceFrames.size(), m.referenceFrames.size()); ++i) {
    s.x.push_back(m.sourceFrames[i]);
    s.y.push_back(m.referenceFrames[i]);
    if (i < m.confidence.size() && m.confidence[i] < m.confidenceThreshold)
      p.flags.push_back({static_cast<double>(m.sourceFrames[i]), static_cast<double>(m.referenceFrames[i]),
                         "frame " + std::to_string(m.sourceFrames[i]) + ": confidence " + fixed(m.confidence[i], 2)});
  }
  p.series.push_back(s);
  h += figure(renderSvgPlot(p), "Flagged (ringed): pairs with confidence below " + fixed(m.confidenceThreshold, 2) + ".");
  return h + "</section>\n";
}

std::string alignment(const ReportData& d) {
  if (d.alignment.empty()) return "";
  std::string h = open("alignment", "Alignment residuals",
                       "Registration error of each aligned reference frame onto its source frame. Flagged frames are "
                       "kept out of training.");
  PlotSpec p;
  p.title = "Residual per frame";
  p.x.label = "source frame";
  p.y.label = "residual (" + d.alignmentUnit + ")";
  p.width = 900;
  p.height = 300;
  PlotSeries s;
  s.name = "residual";
  s.markers = d.alignment.size() <= 200;
  for (const auto& a : d.alignment) {
    s.x.push_back(a.frame);
    s.y.push_back(a.residual);
    if (a.flagged) p.flags.push_back({static_cast<double>(a.frame), a.residual, "frame " + std::to_string(a.frame) + ": " + a.note});
  }
  p.series.push_back(s);
  if (d.alignmentThreshold > 0) {
    p.referenceLines.push_back(d.alignmentThreshold);
    p.referenceLabels.push_back("threshold " + fixed(d.alignmentThreshold, 2));
  }
  h += figure(renderSvgPlot(p), "");
  std::string rows;
  for (const auto& a : d.alignment)
    if (a.flagged)
      rows += "<tr class=\"flag\"><td class=\"n\">" + std::to_string(a.frame) + "</td><td class=\"n\">" + fixed(a.residual, 3) +
              "</td><td>" + esc(a.note) + "</td></tr>\n";
  if (rows.empty())
    h += "<p class=\"muted\">No frame was flagged.</p>\n";
  else
    h += "<h3>Flagged frames</h3><table><tr><th class=\"n\">Frame</th><th class=\"n\">Residual</th><th>Reason</th></tr>\n" + rows +
         "</table>\n";
  return h + "</section>\n";
}

std::string dataset(const ReportData& d) {
  if (d.contactSheet.empty()) return "";
  std::string h = open("dataset", "Curated dataset", "The training and hold-out pairs, as the operator accepted them.");
  h += figure("<img class=\"sheet\" alt=\"contact sheet\" src=\"" + imageDataUri(d.contactSheet, EmbedFormat::Jpeg, 1200) + "\">",
              d.contactSheetCaption);
  return h + "</section>\n";
}

std::string training(const ReportData& d) {
  if (d.losses.empty()) return "";
  std::string h = open("training", "Training",
                       "Loss per step on the training pairs and on the hold-out pairs the model never saw (log scale). "
                       "A hold-out curve that rises while training falls is over-fitting.");
  PlotSpec p;
  p.title = "Loss";
  p.x.label = "step";
  p.y.label = "loss";
  p.y.log = true;
  p.width = 900;
  p.height = 340;
  for (const auto& l : d.losses) {
    PlotSeries s;
    s.name = l.name;
    s.x = l.step;
    s.y = l.loss;
    s.markers = l.step.size() <= 40;
    p.series.push_back(s);
  }
  h += figure(renderSvgPlot(p), "");
  if (!d.settings.empty()) h += "<h3>Settings</h3>" + kvList(d.settings);
  return h + "</section>\n";
}

std::string provenance(const ReportData& d) {
  if (d.provenance.empty() && (d.settings.empty() || !d.losses.empty())) return "";
  std::string h = open("provenance", "Provenance", "Where the model and the restored frames came from.");
  if (!d.provenance.empty()) h += kvList(d.provenance);
  if (!d.settings.empty() && d.losses.empty()) h += "<h3>Settings</h3>" + kvList(d.settings);
  return h + "</section>\n";
}

std::string signOff(const ReportData&) {
  return "<section id=\"signoff\"><h2>Sign-off</h2><p class=\"lead\">Accepted for the archive by:</p>"
         "<div class=\"signoff\"><div>Name</div><div>Date</div><div>Signature</div></div></section>\n";
}

}  // namespace filmrecover::report::sections
