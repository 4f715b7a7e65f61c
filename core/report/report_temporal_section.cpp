// The temporal consistency and grain section of the QC report: warping error and colour
// distribution consistency of each candidate beside the reference's and the source's own,
// per shot, and the grain of the candidates, the source and the reference.
#include <cmath>
#include <functional>

#include "core/exec/xml_escape.h"
#include "core/report/report_sections.h"
#include "core/report/svg_plot.h"

namespace filmrecover::report::sections {
namespace {

std::string esc(const std::string& s) { return escapeXml(s); }

const char* kReferenceColour = "#555555";
const char* kSourceColour = "#999999";

// One row of the summary table.
std::string row(const std::string& name, int pairs, double warp, double chromaWarp, double cdc, const std::string& grain) {
  return "<tr><td>" + esc(name) + "</td><td class=\"n\">" + std::to_string(pairs) + "</td><td class=\"n\">" +
         fixed(1e3 * warp, 3) + "</td><td class=\"n\">" + fixed(1e3 * chromaWarp, 4) + "</td><td class=\"n\">" +
         fixed(cdc, 5) + "</td>" + grain + "</tr>\n";
}

std::string grainCells(bool has, double rms, double ratioRef, double ratioSource) {
  if (!has) return "<td class=\"n\">&ndash;</td><td class=\"n\">&ndash;</td><td class=\"n\">&ndash;</td>";
  return "<td class=\"n\">" + fixed(rms, 5) + "</td><td class=\"n\">" + fixed(ratioRef, 3) + "</td><td class=\"n\">" +
         fixed(ratioSource, 3) + "</td>";
}

// A per-shot plot: one point per shot (at its first frame) for every candidate, the
// reference (dashed) and the source (dotted grey).
std::string perShotPlot(const ReportData& d, const std::string& title, const std::string& yLabel, bool log,
                        const std::function<double(const analysis::ShotConsistency&)>& candidate,
                        const std::function<double(const analysis::ShotConsistency&)>& reference,
                        const std::function<double(const analysis::ShotConsistency&)>& source) {
  PlotSpec p;
  p.title = title;
  p.x.label = "first frame of the shot";
  p.y.label = yLabel;
  p.y.log = log;
  p.width = 596;
  p.height = 280;
  for (const auto& c : d.temporal) {
    PlotSeries s;
    s.name = c.name;
    s.markers = true;
    for (const auto& sh : c.metrics.shots) s.x.push_back(sh.first), s.y.push_back(candidate(sh));
    p.series.push_back(s);
  }
  const auto& first = d.temporal.front().metrics;
  PlotSeries r;
  r.name = "reference";
  r.dashed = true;
  r.markers = true;
  r.color = kReferenceColour;
  for (const auto& sh : first.shots) r.x.push_back(sh.first), r.y.push_back(reference(sh));
  p.series.push_back(r);
  if (first.cdcSource.measured()) {
    PlotSeries s;
    s.name = "source";
    s.dashed = true;
    s.markers = true;
    s.color = kSourceColour;
    for (const auto& sh : first.shots) s.x.push_back(sh.first), s.y.push_back(source(sh));
    p.series.push_back(s);
  }
  return "<figure>" + renderSvgPlot(p) + "</figure>\n";
}

// A per-pair series whose line breaks at every cut and gap (a non-finite point between).
PlotSeries brokenAtCuts(const std::vector<analysis::TemporalMetrics>& pairs,
                        const std::function<double(const analysis::TemporalMetrics&)>& value) {
  PlotSeries s;
  int previous = 0, shot = -1;
  for (const auto& t : pairs) {
    if (shot >= 0 && (t.shot != shot || t.frame != previous + 1)) s.x.push_back(t.frame - 0.5), s.y.push_back(NAN);
    s.x.push_back(t.frame), s.y.push_back(value(t));
    previous = t.frame, shot = t.shot;
  }
  return s;
}

}  // namespace

std::string temporal(const ReportData& d) {
  if (d.temporal.empty()) return "";
  const auto& first = d.temporal.front().metrics;
  std::string h = open("temporal", "Temporal consistency and grain",
                       "Over runs of consecutive frames (" + d.temporalFrames + "), split at the source's " +
                           std::to_string(first.cuts.size()) +
                           " cut(s): no measure spans a cut. Warping error: the previous frame warped onto the "
                           "next by the source's DIS optical flow, occlusions masked; a steady restoration sits near "
                           "the reference's own figure. CDC (colour distribution consistency): Jensen-Shannon "
                           "divergence of the R, G, B histograms of frames t and t+1, t+2, t+4; flicker raises it.");
  const bool withGrain = first.hasGrain;
  h += "<table><tr><th>Sequence</th><th class=\"n\">Pairs</th><th class=\"n\" title=\"R, G, B; x1e-3\">warp err</th>"
       "<th class=\"n\" title=\"Cb, Cr; x1e-3\">chroma warp err</th><th class=\"n\">CDC</th>";
  if (withGrain)
    h += "<th class=\"n\">grain rms</th><th class=\"n\">vs reference</th><th class=\"n\">vs source</th>";
  h += "</tr>\n";
  const std::string noGrain = withGrain ? grainCells(false, 0, 0, 0) : std::string();
  for (const auto& c : d.temporal) {
    const auto& m = c.metrics;
    h += row(c.name, m.temporalSummary.pairs, m.temporalSummary.meanWarpErrorA, m.temporalSummary.meanChromaWarpErrorA,
             m.cdcA.cdc,
             withGrain ? grainCells(m.hasGrain, m.grain.a.rms, m.grain.rmsRatio,
                                    m.hasSourceGrain ? m.grainVsSource.rmsRatio : NAN)
                       : "");
  }
  h += row("reference", first.temporalSummary.pairs, first.temporalSummary.meanWarpErrorB,
           first.temporalSummary.meanChromaWarpErrorB, first.cdcB.cdc,
           withGrain ? grainCells(first.hasGrain, first.grain.b.rms, 1.0,
                                  first.hasSourceGrain ? first.grain.b.rms / first.grainVsSource.b.rms : NAN)
                     : "");
  if (first.cdcSource.measured())
    h += row("source", first.temporalSummary.pairs, first.temporalSummary.meanWarpErrorSource,
             first.temporalSummary.meanChromaWarpErrorSource, first.cdcSource.cdc,
             withGrain ? grainCells(first.hasSourceGrain, first.grainVsSource.b.rms,
                                    first.hasGrain ? first.grainVsSource.b.rms / first.grain.b.rms : NAN, 1.0)
                       : noGrain);
  h += "</table>\n<p class=\"muted\">Grain: rms of luma noise on the reference's flattest blocks, and its ratio to "
       "the reference's and the source's (chroma recovery should keep the source's grain: ratio 1 to the source; "
       "spatial recovery must not wax the picture: a ratio far under 1).</p>\n";
  h += "<div class=\"figs\">\n";
  if (first.shots.size() > 0) {
    // Chroma recovery keeps the source's luma and grain: its flicker shows in the chroma.
    if (d.mode == "chroma" || d.mode == "combined")
      h += perShotPlot(
          d, "Chroma warping error per shot", "warping error (Cb, Cr)", true,
          [](const analysis::ShotConsistency& s) { return s.chromaWarpErrorA; },
          [](const analysis::ShotConsistency& s) { return s.chromaWarpErrorB; },
          [](const analysis::ShotConsistency& s) { return s.chromaWarpErrorSource; });
    else
      h += perShotPlot(
          d, "Warping error per shot", "warping error", true, [](const analysis::ShotConsistency& s) { return s.warpErrorA; },
          [](const analysis::ShotConsistency& s) { return s.warpErrorB; },
          [](const analysis::ShotConsistency& s) { return s.warpErrorSource; });
    h += perShotPlot(
        d, "Colour distribution consistency per shot", "CDC", false,
        [](const analysis::ShotConsistency& s) { return s.cdcA.measured() ? s.cdcA.cdc : NAN; },
        [](const analysis::ShotConsistency& s) { return s.cdcB.measured() ? s.cdcB.cdc : NAN; },
        [](const analysis::ShotConsistency& s) { return s.cdcSource.measured() ? s.cdcSource.cdc : NAN; });
  }
  // Warping error frame by frame; the line breaks at every cut and gap.
  PlotSpec w;
  w.title = "Warping error per frame, by shot";
  w.x.label = "frame";
  w.y.label = "warping error";
  w.y.log = true;
  w.width = 596;
  w.height = 280;
  for (const auto& c : d.temporal) {
    PlotSeries s = brokenAtCuts(c.metrics.temporal, [](const analysis::TemporalMetrics& t) { return t.warpErrorA; });
    s.name = c.name;
    w.series.push_back(s);
  }
  PlotSeries r = brokenAtCuts(first.temporal, [](const analysis::TemporalMetrics& t) { return t.warpErrorB; });
  r.name = "reference";
  r.dashed = true;
  r.color = kReferenceColour;
  w.series.push_back(r);
  if (!first.temporal.empty()) h += "<figure>" + renderSvgPlot(w) + "</figure>\n";
  // Grain spectra of the first candidate, the reference and the source on the same blocks.
  if (first.hasGrain) {
    PlotSpec g;
    g.title = "Grain: noise power spectrum (candidates, reference, source)";
    g.x.label = "spatial frequency (cycles/pixel)";
    g.y.label = "power";
    g.y.log = true;
    g.width = 596;
    g.height = 280;
    for (const auto& c : d.temporal)
      if (c.metrics.hasGrain) {
        PlotSeries s;
        s.name = c.name;
        s.x = c.metrics.grain.a.frequency;
        s.y = c.metrics.grain.a.power;
        g.series.push_back(s);
      }
    PlotSeries ref;
    ref.name = "reference";
    ref.dashed = true;
    ref.color = kReferenceColour;
    ref.x = first.grain.b.frequency;
    ref.y = first.grain.b.power;
    g.series.push_back(ref);
    if (first.hasSourceGrain) {
      PlotSeries src;
      src.name = "source";
      src.dashed = true;
      src.color = kSourceColour;
      src.x = first.grainVsSource.b.frequency;
      src.y = first.grainVsSource.b.power;
      g.series.push_back(src);
    }
    h += "<figure>" + renderSvgPlot(g) + "</figure>\n";
    // Grain level against luma: film grain follows density; a recovery should follow the source.
    PlotSpec l;
    l.title = "Grain level against luma";
    l.x.label = "mean Y' of the block";
    l.y.label = "grain rms";
    l.x.fixedRange = true;
    l.x.min = 0;
    l.x.max = 1;
    l.width = 596;
    l.height = 280;
    for (const auto& c : d.temporal)
      if (c.metrics.hasGrain) {
        PlotSeries s;
        s.name = c.name;
        s.markers = true;
        s.x = c.metrics.grain.a.lumaBandCentre;
        s.y = c.metrics.grain.a.rmsByLuma;
        l.series.push_back(s);
      }
    PlotSeries refLevel;
    refLevel.name = "reference";
    refLevel.dashed = true;
    refLevel.markers = true;
    refLevel.color = kReferenceColour;
    refLevel.x = first.grain.b.lumaBandCentre;
    refLevel.y = first.grain.b.rmsByLuma;
    l.series.push_back(refLevel);
    if (first.hasSourceGrain) {
      PlotSeries src;
      src.name = "source";
      src.dashed = true;
      src.markers = true;
      src.color = kSourceColour;
      src.x = first.grainVsSource.b.lumaBandCentre;
      src.y = first.grainVsSource.b.rmsByLuma;
      l.series.push_back(src);
    }
    h += "<figure>" + renderSvgPlot(l) + "</figure>\n";
  }
  return h + "</div>\n</section>\n";
}

}  // namespace filmrecover::report::sections
