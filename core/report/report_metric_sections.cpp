// The metrics, per-frame and stills sections of the QC report.
#include <algorithm>
#include <cmath>
#include <functional>

#include "core/analysis/scopes.h"
#include "core/exec/xml_escape.h"
#include "core/report/image_embed.h"
#include "core/report/report_sections.h"
#include "core/report/svg_plot.h"

namespace filmrecover::report::sections {
namespace {

std::string esc(const std::string& s) { return escapeXml(s); }

// One column of the metrics table: how to read it from a candidate and which way is better.
struct Column {
  std::string heading, tip;
  std::function<double(const CandidateMetrics&)> value;
  int decimals;
  bool higherIsBetter;
  bool needsSource = false;
};

std::vector<Column> columns(bool withSource, bool withTemporal, bool withGrain) {
  std::vector<Column> c = {
      {"PSNR dB", "RGB", [](const CandidateMetrics& m) { return m.metrics.mean.psnrRgb; }, 2, true},
      {"Y PSNR dB", "Rec.709 luma", [](const CandidateMetrics& m) { return m.metrics.mean.psnrLuma; }, 2, true},
      {"C PSNR dB", "Cb and Cr", [](const CandidateMetrics& m) { return m.metrics.mean.psnrChroma; }, 2, true},
      {"SSIM", "mean over R, G, B", [](const CandidateMetrics& m) { return m.metrics.mean.ssim; }, 4, true},
      {"\xCE\x94" "E00 mean", "CIEDE2000", [](const CandidateMetrics& m) { return m.metrics.mean.deltaE2000Mean; }, 2, false},
      {"\xCE\x94" "E00 p95", "95th percentile", [](const CandidateMetrics& m) { return m.metrics.mean.deltaE2000P95; }, 2, false}};
  if (withSource) {
    c.push_back({"max |\xCE\x94Y|", "luma identity vs source", [](const CandidateMetrics& m) { return m.metrics.mean.lumaIdentityMax; }, 4, false, true});
    c.push_back({"max |\xCE\x94" "CbCr|", "chroma identity vs source", [](const CandidateMetrics& m) { return m.metrics.mean.chromaIdentityMax; }, 4, false, true});
  }
  if (withTemporal) {
    c.push_back({"flicker Y", "mean frame-to-frame luma step beyond the reference's",
                 [](const CandidateMetrics& m) { return m.metrics.temporalSummary.meanLumaStepExcess; }, 5, false});
    c.push_back({"warp err", "warping error (x1e-3)",
                 [](const CandidateMetrics& m) { return 1e3 * m.metrics.temporalSummary.meanWarpErrorA; }, 3, false});
  }
  if (withGrain)
    c.push_back({"grain ratio", "grain rms against the reference (1 = same)",
                 [](const CandidateMetrics& m) { return m.metrics.hasGrain ? m.metrics.grain.rmsRatio : NAN; }, 3, true});
  return c;
}

// Per-frame series of one metric for every candidate.
std::string perFramePlot(const ReportData& d, const std::string& title, const std::string& yLabel,
                         const std::function<double(const analysis::FrameMetrics&)>& value) {
  PlotSpec p;
  p.title = title;
  p.x.label = "frame";
  p.y.label = yLabel;
  p.width = 596;
  p.height = 280;
  for (const auto& c : d.candidates) {
    PlotSeries s;
    s.name = c.name;
    s.markers = c.metrics.frames.size() <= 60;
    for (const auto& f : c.metrics.frames) {
      s.x.push_back(f.frame);
      s.y.push_back(value(f));
    }
    p.series.push_back(s);
  }
  return "<figure>" + renderSvgPlot(p) + "</figure>\n";
}

}  // namespace

std::string metrics(const ReportData& d) {
  std::string h = open("metrics", "Metrics on the hold-out frames",
                       "Each candidate against the aligned reference on frames no model was trained on" +
                           (d.holdoutFrames.empty() ? std::string(".") : " (" + d.holdoutFrames + ").") +
                           " Best value per column in green.");
  if (d.candidates.empty()) return h + "<p class=\"muted\">No metrics were computed for this recovery.</p></section>\n";
  bool withSource = false, withTemporal = false, withGrain = false;
  for (const auto& c : d.candidates) {
    withSource = withSource || c.metrics.mean.hasSource;
    withTemporal = withTemporal || c.metrics.temporalSummary.pairs > 0;
    withGrain = withGrain || c.metrics.hasGrain;
  }
  const auto cols = columns(withSource, withTemporal, withGrain);
  h += "<table><tr><th>Candidate</th><th class=\"n\">Frames</th>";
  for (const auto& c : cols) h += "<th class=\"n\" title=\"" + esc(c.tip) + "\">" + esc(c.heading) + "</th>";
  h += "</tr>\n";
  std::vector<double> best(cols.size(), NAN);
  for (size_t k = 0; k < cols.size(); ++k)
    for (const auto& cand : d.candidates) {
      const double v = cols[k].value(cand);
      if (!std::isfinite(v) || (cols[k].needsSource && !cand.metrics.mean.hasSource)) continue;
      if (!std::isfinite(best[k]) || (cols[k].higherIsBetter ? v > best[k] : v < best[k])) best[k] = v;
    }
  for (const auto& cand : d.candidates) {
    h += "<tr><td>" + esc(cand.name) + "</td><td class=\"n\">" + std::to_string(cand.metrics.frames.size()) + "</td>";
    for (size_t k = 0; k < cols.size(); ++k) {
      const double v = cols[k].value(cand);
      const bool shown = std::isfinite(v) && !(cols[k].needsSource && !cand.metrics.mean.hasSource);
      const bool isBest = shown && d.candidates.size() > 1 && v == best[k];
      h += std::string("<td class=\"n") + (isBest ? " best" : "") + "\">" + (shown ? fixed(v, cols[k].decimals) : "&ndash;") + "</td>";
    }
    h += "</tr>\n";
  }
  h += "</table>\n<p class=\"muted\">PSNR peak 1.0 on display-referred values; chroma PSNR over Rec.709 Cb and Cr; "
       "identity columns against the source (chroma recovery must keep |\xCE\x94Y| near 0, spatial recovery |\xCE\x94" "CbCr|); "
       "flicker is the mean change of frame-mean luma between consecutive frames beyond the reference's own change; "
       "warping error is the mean squared difference to the previous frame warped by DIS optical flow, occlusions masked.</p>\n";
  return h + "</section>\n";
}

std::string perFrame(const ReportData& d) {
  if (d.candidates.empty()) return "";
  std::string h = open("sequence", "Over the sequence",
                       "Per-frame values of each candidate. Flicker shows as a saw-tooth in mean luma where the "
                       "reference is smooth.");
  h += "<div class=\"figs\">\n";
  h += perFramePlot(d, "PSNR per frame", "PSNR (dB)", [](const analysis::FrameMetrics& f) { return f.psnrRgb; });
  h += perFramePlot(d, "Mean \xCE\x94" "E2000 per frame", "\xCE\x94" "E00", [](const analysis::FrameMetrics& f) { return f.deltaE2000Mean; });
  // Mean luma: candidates plus the reference itself (dashed), the flicker view.
  PlotSpec p;
  p.title = "Mean luma per frame";
  p.x.label = "frame";
  p.y.label = "mean Y'";
  p.width = 596;
  p.height = 280;
  for (const auto& c : d.candidates) {
    PlotSeries s;
    s.name = c.name;
    s.markers = c.metrics.frames.size() <= 60;
    for (const auto& f : c.metrics.frames) s.x.push_back(f.frame), s.y.push_back(f.meanLumaA);
    p.series.push_back(s);
  }
  PlotSeries ref;
  ref.name = "reference";
  ref.dashed = true;
  ref.color = "#555555";
  for (const auto& f : d.candidates.front().metrics.frames) ref.x.push_back(f.frame), ref.y.push_back(f.meanLumaB);
  p.series.push_back(ref);
  h += "<figure>" + renderSvgPlot(p) + "</figure>\n";
  // Warping error over consecutive pairs.
  PlotSpec w;
  w.title = "Warping error per frame (consecutive pairs)";
  w.x.label = "frame";
  w.y.label = "warping error";
  w.y.log = true;
  w.width = 596;
  w.height = 280;
  bool anyTemporal = false;
  for (const auto& c : d.candidates) {
    PlotSeries s;
    s.name = c.name;
    s.markers = c.metrics.temporal.size() <= 60;
    for (const auto& t : c.metrics.temporal) s.x.push_back(t.frame), s.y.push_back(t.warpErrorA);
    anyTemporal = anyTemporal || !c.metrics.temporal.empty();
    w.series.push_back(s);
  }
  if (anyTemporal) h += "<figure>" + renderSvgPlot(w) + "</figure>\n";
  // Grain spectra.
  bool anyGrain = false;
  PlotSpec g;
  g.title = "Grain: noise power spectrum of flat areas";
  g.x.label = "spatial frequency (cycles/pixel)";
  g.y.label = "power";
  g.y.log = true;
  g.width = 596;
  g.height = 280;
  for (const auto& c : d.candidates)
    if (c.metrics.hasGrain) {
      if (!anyGrain) {
        PlotSeries r;
        r.name = "reference";
        r.dashed = true;
        r.color = "#555555";
        r.x = c.metrics.grain.b.frequency;
        r.y = c.metrics.grain.b.power;
        g.series.push_back(r);
      }
      anyGrain = true;
      PlotSeries s;
      s.name = c.name;
      s.x = c.metrics.grain.a.frequency;
      s.y = c.metrics.grain.a.power;
      s.color = plotPalette()[static_cast<size_t>(&c - &d.candidates.front()) % plotPalette().size()];
      g.series.push_back(s);
    }
  if (anyGrain) h += "<figure>" + renderSvgPlot(g) + "</figure>\n";
  return h + "</div>\n</section>\n";
}

std::string stills(const ReportData& d) {
  if (d.stills.empty()) return "";
  std::string h = open("stills", "Before and after",
                       "Side by side, as a wipe (drag the yellow divider's handle at its lower end), and their scopes: "
                       "Rec.709 luma waveform and vectorscope with 75%/100% targets and the skin-tone line.");
  for (const auto& s : d.stills) {
    h += "<h3>Frame " + std::to_string(s.frame) + "</h3>\n";
    const std::string before = imageDataUri(s.before, EmbedFormat::Jpeg, 960);
    const std::string after = imageDataUri(s.after, EmbedFormat::Jpeg, 960);
    const auto still = [&](const std::string& uri, const std::string& label) {
      return "<figure><img class=\"still\" alt=\"" + esc(label) + "\" src=\"" + uri + "\"><figcaption>" + esc(label) +
             "</figcaption></figure>";
    };
    h += "<div class=\"pair\">" + still(before, s.beforeLabel) + still(after, s.afterLabel);
    if (!s.reference.empty()) h += still(imageDataUri(s.reference, EmbedFormat::Jpeg, 960), "reference (aligned)");
    h += "</div>\n";
    // The wipe: the after image underneath, the before image in a resizable overlay.
    // Shown 960 px wide whatever the frame size (small proxies are scaled up for judging).
    const int shownW = 960;
    const int shownH = static_cast<int>(std::lround(static_cast<double>(s.after.height) * shownW / std::max(1, s.after.width)));
    const std::string size = "width=\"" + std::to_string(shownW) + "\" height=\"" + std::to_string(shownH) + "\"";
    h += "<figure><div class=\"wipe\"><img " + size + " alt=\"" + esc(s.afterLabel) + "\" src=\"" + after +
         "\"><div class=\"top\"><img " + size + " alt=\"" + esc(s.beforeLabel) + "\" src=\"" + before +
         "\"></div><span class=\"tag l\">" + esc(s.beforeLabel) + "</span><span class=\"tag r\">" + esc(s.afterLabel) +
         "</span></div><figcaption>Wipe: " + esc(s.beforeLabel) + " left of the divider, " + esc(s.afterLabel) +
         " right.</figcaption></figure>\n";
    // Scopes of both.
    h += "<div class=\"scopes\">\n";
    const auto scope = [&](const Image& img, const std::string& label) {
      const Image wave = renderWaveform(computeWaveform(img));
      const Image vec = renderVectorscope(computeVectorscope(img));
      h += "<figure><img class=\"scope\" alt=\"waveform " + esc(label) + "\" src=\"" + imageDataUri(wave, EmbedFormat::Png) +
           "\"><figcaption>Luma waveform, " + esc(label) + "</figcaption></figure>\n";
      h += "<figure><img class=\"scope\" alt=\"vectorscope " + esc(label) + "\" src=\"" + imageDataUri(vec, EmbedFormat::Png) +
           "\"><figcaption>Vectorscope, " + esc(label) + "</figcaption></figure>\n";
    };
    scope(s.before, s.beforeLabel);
    scope(s.after, s.afterLabel);
    h += "</div>\n";
  }
  return h + "</section>\n";
}

}  // namespace filmrecover::report::sections
