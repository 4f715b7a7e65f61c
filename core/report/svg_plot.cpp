#include "core/report/svg_plot.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "core/exec/xml_escape.h"
#include "core/report/nice_ticks.h"

namespace filmrecover::report {
namespace {

// Margins around the plot area (px): room for tick labels, axis labels, title, legend.
constexpr double kLeft = 64, kRight = 16, kTop = 34, kBottom = 46;

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

bool usable(double v, bool log) { return std::isfinite(v) && (!log || v > 0); }

// Maps data values on one axis to pixels.
struct Scale {
  double lo, hi, p0, p1;
  bool log;
  double operator()(double v) const {
    const double a = log ? std::log10(lo) : lo, b = log ? std::log10(hi) : hi;
    const double t = ((log ? std::log10(v) : v) - a) / (b - a);
    return p0 + t * (p1 - p0);
  }
};

AxisTicks ticksFor(const PlotAxis& axis, double lo, double hi, int target) {
  if (axis.fixedRange) lo = axis.min, hi = axis.max;
  AxisTicks t = axis.log ? logTicks(lo, hi) : linearTicks(lo, hi, target);
  if (axis.fixedRange) {
    t.min = axis.min, t.max = axis.max;
    for (size_t i = 0; i < t.major.size();) {
      if (t.major[i] < t.min - 1e-12 || t.major[i] > t.max + 1e-12) {
        t.major.erase(t.major.begin() + static_cast<long>(i));
        t.labels.erase(t.labels.begin() + static_cast<long>(i));
      } else {
        ++i;
      }
    }
  }
  return t;
}

}  // namespace

const std::vector<std::string>& plotPalette() {
  static const std::vector<std::string> palette = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                   "#E69F00", "#56B4E9", "#000000", "#F0E442"};
  return palette;
}

std::string renderSvgPlot(const PlotSpec& spec) {
  const double w = spec.width, h = spec.height;
  // Data range over every usable point (and the reference lines).
  double xlo = std::numeric_limits<double>::infinity(), xhi = -xlo, ylo = xlo, yhi = -xlo;
  for (const auto& s : spec.series)
    for (size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i)
      if (usable(s.x[i], spec.x.log) && usable(s.y[i], spec.y.log)) {
        xlo = std::min(xlo, s.x[i]), xhi = std::max(xhi, s.x[i]);
        ylo = std::min(ylo, s.y[i]), yhi = std::max(yhi, s.y[i]);
      }
  for (double r : spec.referenceLines)
    if (usable(r, spec.y.log)) ylo = std::min(ylo, r), yhi = std::max(yhi, r);
  const bool empty = !(xlo <= xhi);
  if (empty) xlo = spec.x.log ? 1 : 0, xhi = 10, ylo = spec.y.log ? 1e-3 : 0, yhi = 1;

  const AxisTicks xt = ticksFor(spec.x, xlo, xhi, std::max(3, static_cast<int>(w / 90)));
  const AxisTicks yt = ticksFor(spec.y, ylo, yhi, std::max(3, static_cast<int>(h / 55)));
  const Scale sx{xt.min, xt.max, kLeft, w - kRight, spec.x.log};
  const Scale sy{yt.min, yt.max, h - kBottom, kTop, spec.y.log};

  std::ostringstream o;
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"" << w << "\" height=\"" << h
    << "\" viewBox=\"0 0 " << w << " " << h << "\" role=\"img\" aria-label=\"" << escapeXml(spec.title) << "\">\n";
  o << "<rect x=\"0\" y=\"0\" width=\"" << w << "\" height=\"" << h << "\" fill=\"#ffffff\"/>\n";
  o << "<text x=\"" << kLeft << "\" y=\"20\" font-size=\"13\" font-weight=\"600\" fill=\"#1d2733\">"
    << escapeXml(spec.title) << "</text>\n";
  // Grid and ticks.
  o << "<g stroke=\"#e3e7ec\" stroke-width=\"1\">\n";
  for (double v : xt.major) o << "<line x1=\"" << num(sx(v)) << "\" y1=\"" << kTop << "\" x2=\"" << num(sx(v)) << "\" y2=\"" << h - kBottom << "\"/>\n";
  for (double v : yt.major) o << "<line x1=\"" << kLeft << "\" y1=\"" << num(sy(v)) << "\" x2=\"" << w - kRight << "\" y2=\"" << num(sy(v)) << "\"/>\n";
  o << "</g>\n<g stroke=\"#f1f3f6\" stroke-width=\"1\">\n";
  for (double v : yt.minor)
    if (v > yt.min && v < yt.max)
      o << "<line x1=\"" << kLeft << "\" y1=\"" << num(sy(v)) << "\" x2=\"" << w - kRight << "\" y2=\"" << num(sy(v)) << "\"/>\n";
  for (double v : xt.minor)
    if (v > xt.min && v < xt.max)
      o << "<line x1=\"" << num(sx(v)) << "\" y1=\"" << kTop << "\" x2=\"" << num(sx(v)) << "\" y2=\"" << h - kBottom << "\"/>\n";
  o << "</g>\n";
  o << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << w - kLeft - kRight << "\" height=\"" << h - kTop - kBottom
    << "\" fill=\"none\" stroke=\"#8a96a3\" stroke-width=\"1\"/>\n";
  o << "<g font-size=\"11\" fill=\"#3b4652\">\n";
  for (size_t i = 0; i < xt.major.size(); ++i)
    o << "<text x=\"" << num(sx(xt.major[i])) << "\" y=\"" << h - kBottom + 15 << "\" text-anchor=\"middle\">"
      << escapeXml(xt.labels[i]) << "</text>\n";
  for (size_t i = 0; i < yt.major.size(); ++i)
    o << "<text x=\"" << kLeft - 6 << "\" y=\"" << num(sy(yt.major[i]) + 4) << "\" text-anchor=\"end\">"
      << escapeXml(yt.labels[i]) << "</text>\n";
  o << "<text x=\"" << num((kLeft + w - kRight) / 2) << "\" y=\"" << h - 8 << "\" text-anchor=\"middle\" font-size=\"12\">"
    << escapeXml(spec.x.label) << "</text>\n";
  o << "<text transform=\"translate(14," << num((kTop + h - kBottom) / 2) << ") rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">"
    << escapeXml(spec.y.label) << "</text>\n";
  o << "</g>\n";
  if (empty)
    o << "<text x=\"" << num((kLeft + w - kRight) / 2) << "\" y=\"" << num((kTop + h - kBottom) / 2)
      << "\" text-anchor=\"middle\" font-size=\"13\" fill=\"#8a96a3\">no data</text>\n";

  // Reference lines.
  for (size_t i = 0; i < spec.referenceLines.size(); ++i) {
    const double v = spec.referenceLines[i];
    if (!usable(v, spec.y.log) || v < yt.min || v > yt.max) continue;
    o << "<line x1=\"" << kLeft << "\" y1=\"" << num(sy(v)) << "\" x2=\"" << w - kRight << "\" y2=\"" << num(sy(v))
      << "\" stroke=\"#b03a2e\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>\n";
    if (i < spec.referenceLabels.size())
      o << "<text x=\"" << w - kRight - 4 << "\" y=\"" << num(sy(v) - 4) << "\" text-anchor=\"end\" font-size=\"10.5\" fill=\"#b03a2e\">"
        << escapeXml(spec.referenceLabels[i]) << "</text>\n";
  }

  // Series, clipped to the plot area.
  // Plots share one HTML document, so the clip path id must be unique per plot.
  static std::atomic<unsigned> plotCounter{0};
  const std::string clipId = "plotclip" + std::to_string(++plotCounter);
  o << "<clipPath id=\"" << clipId << "\"><rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << w - kLeft - kRight
    << "\" height=\"" << h - kTop - kBottom << "\"/></clipPath>\n";
  std::vector<std::string> colours;
  size_t paletteIndex = 0;
  for (const auto& s : spec.series) {
    const std::string colour = s.color.empty() ? plotPalette()[paletteIndex++ % plotPalette().size()] : s.color;
    colours.push_back(colour);
    const size_t n = std::min(s.x.size(), s.y.size());
    if (s.line) {
      std::string d;
      bool pen = false;
      for (size_t i = 0; i < n; ++i) {
        if (!usable(s.x[i], spec.x.log) || !usable(s.y[i], spec.y.log)) {
          pen = false;
          continue;
        }
        d += (pen ? " L" : " M") + num(sx(s.x[i])) + " " + num(sy(s.y[i]));
        pen = true;
      }
      if (!d.empty())
        o << "<path clip-path=\"url(#" << clipId << ")\" d=\"" << d << "\" fill=\"none\" stroke=\"" << colour << "\" stroke-width=\""
          << s.width << "\" stroke-linejoin=\"round\"" << (s.dashed ? " stroke-dasharray=\"5 4\"" : "") << "/>\n";
    }
    if (s.markers) {
      o << "<g fill=\"" << colour << "\">";
      for (size_t i = 0; i < n; ++i)
        if (usable(s.x[i], spec.x.log) && usable(s.y[i], spec.y.log))
          o << "<circle cx=\"" << num(sx(s.x[i])) << "\" cy=\"" << num(sy(s.y[i])) << "\" r=\"2.6\"/>";
      o << "</g>\n";
    }
  }
  // Flagged points on top.
  for (const auto& f : spec.flags) {
    if (!usable(f.x, spec.x.log) || !usable(f.y, spec.y.log)) continue;
    o << "<circle cx=\"" << num(sx(f.x)) << "\" cy=\"" << num(sy(f.y)) << "\" r=\"6\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\"><title>"
      << escapeXml(f.label) << "</title></circle>\n";
  }
  // Legend, top right inside the plot area.
  std::vector<size_t> named;
  for (size_t i = 0; i < spec.series.size(); ++i)
    if (!spec.series[i].name.empty()) named.push_back(i);
  if (!spec.flags.empty() || !named.empty()) {
    size_t longest = 0;
    for (size_t i : named) longest = std::max(longest, spec.series[i].name.size());
    if (!spec.flags.empty()) longest = std::max<size_t>(longest, 7);
    const double boxW = 34 + 6.4 * static_cast<double>(longest);
    const double rows = static_cast<double>(named.size() + (spec.flags.empty() ? 0 : 1));
    const double boxH = 8 + 16 * rows;
    // The corner of the plot area that hides the fewest data points holds the legend.
    const double lefts[2] = {w - kRight - boxW - 6, kLeft + 6}, tops[2] = {kTop + 6, h - kBottom - boxH - 6};
    double bx = lefts[0], by = tops[0];
    size_t fewest = std::numeric_limits<size_t>::max();
    for (double top : tops)
      for (double left : lefts) {
        size_t hidden = 0;
        for (const auto& s : spec.series)
          for (size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i) {
            if (!usable(s.x[i], spec.x.log) || !usable(s.y[i], spec.y.log)) continue;
            const double px = sx(s.x[i]), py = sy(s.y[i]);
            hidden += px >= left - 4 && px <= left + boxW + 4 && py >= top - 4 && py <= top + boxH + 4;
          }
        if (hidden < fewest) fewest = hidden, bx = left, by = top;
      }
    o << "<g font-size=\"11\" fill=\"#1d2733\"><rect x=\"" << num(bx) << "\" y=\"" << num(by) << "\" width=\"" << num(boxW)
      << "\" height=\"" << num(boxH) << "\" fill=\"#ffffff\" fill-opacity=\"0.88\" stroke=\"#c9d1da\"/>\n";
    double ly = by + 16;
    for (size_t i : named) {
      const auto& s = spec.series[i];
      if (s.line)
        o << "<line x1=\"" << num(bx + 6) << "\" y1=\"" << num(ly - 4) << "\" x2=\"" << num(bx + 24) << "\" y2=\"" << num(ly - 4)
          << "\" stroke=\"" << colours[i] << "\" stroke-width=\"2.2\"" << (s.dashed ? " stroke-dasharray=\"5 3\"" : "") << "/>";
      if (s.markers || !s.line)
        o << "<circle cx=\"" << num(bx + 15) << "\" cy=\"" << num(ly - 4) << "\" r=\"3\" fill=\"" << colours[i] << "\"/>";
      o << "<text x=\"" << num(bx + 30) << "\" y=\"" << num(ly) << "\">" << escapeXml(s.name) << "</text>\n";
      ly += 16;
    }
    if (!spec.flags.empty())
      o << "<circle cx=\"" << num(bx + 15) << "\" cy=\"" << num(ly - 4) << "\" r=\"5\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\"/>"
        << "<text x=\"" << num(bx + 30) << "\" y=\"" << num(ly) << "\">flagged</text>\n";
    o << "</g>\n";
  }
  o << "</svg>\n";
  return o.str();
}

}  // namespace filmrecover::report
