#include "core/report/verdict.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace filmrecover::report {
namespace {

std::string fixedText(double v, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

// One measure a mode is judged on.
struct Measure {
  std::string name, unit;
  std::function<double(const CandidateMetrics&)> value;
  bool higherIsBetter;
  int decimals;
};

std::vector<Measure> measuresOf(const std::string& mode) {
  const Measure deltaE{"\xCE\x94" "E2000", "", [](const CandidateMetrics& c) { return c.metrics.mean.deltaE2000Mean; },
                       false, 2};
  const Measure chromaPsnr{"chroma PSNR", " dB", [](const CandidateMetrics& c) { return c.metrics.mean.psnrChroma; },
                           true, 2};
  const Measure lumaPsnr{"luma PSNR", " dB", [](const CandidateMetrics& c) { return c.metrics.mean.psnrLuma; }, true, 2};
  const Measure rgbPsnr{"PSNR", " dB", [](const CandidateMetrics& c) { return c.metrics.mean.psnrRgb; }, true, 2};
  if (mode == "chroma") return {deltaE, chromaPsnr};
  if (mode == "spatial") return {lumaPsnr};
  if (mode == "combined") return {deltaE, rgbPsnr};
  return {rgbPsnr};
}

}  // namespace

bool keepsLumaByMode(const std::string& mode) { return mode == "chroma"; }

bool keepsLuma(const CandidateMetrics& c) {
  return !c.metrics.mean.hasSource || c.metrics.mean.lumaIdentityMax <= kLumaIdentityTolerance;
}

Verdict judgeModel(const ReportData& d) {
  Verdict v;
  if (d.candidates.size() < 2) return v;
  v.judged = true;
  const CandidateMetrics& model = d.candidates.front();
  const auto measures = measuresOf(d.mode);
  std::string names, figures;
  bool all = true, any = false;
  for (const auto& m : measures) {
    double best = NAN;
    for (size_t i = 1; i < d.candidates.size(); ++i) {
      const double x = m.value(d.candidates[i]);
      if (std::isfinite(x) && (!std::isfinite(best) || (m.higherIsBetter ? x > best : x < best))) best = x;
    }
    const double mine = m.value(model);
    const bool better = std::isfinite(mine) && (!std::isfinite(best) || (m.higherIsBetter ? mine >= best : mine <= best));
    all = all && better;
    any = any || better;
    names += (names.empty() ? "" : ", ") + m.name;
    figures += std::string(figures.empty() ? "" : "; ") + m.name + " " + fixedText(mine, m.decimals) + m.unit +
               " against at best " + (std::isfinite(best) ? fixedText(best, m.decimals) + m.unit : std::string("-"));
  }
  v.measures = keepsLumaByMode(d.mode) ? "chroma (" + names + ") with the source's luma kept" : names;
  const bool conditionMet = !keepsLumaByMode(d.mode) || keepsLuma(model);
  v.wins = all && conditionMet;
  const std::string on = keepsLumaByMode(d.mode) ? "hold-out chroma" : "hold-out " + names;
  if (v.wins)
    v.sentence = model.name + " beats every other candidate on " + on + " (" + figures + ")";
  else if (any && conditionMet)
    v.sentence = model.name + " beats the other candidates on some measures of " + on + " but not on all (" + figures + ")";
  else
    v.sentence = model.name + " does not beat every other candidate on " + on + " (" + figures + ")";
  if (keepsLumaByMode(d.mode)) {
    const std::string dy = model.metrics.mean.hasSource ? fixedText(model.metrics.mean.lumaIdentityMax, 4) : "-";
    v.sentence += conditionMet ? ", and keeps the source's luma (max |\xCE\x94Y| " + dy + ")."
                               : ", but it moves the source's luma (max |\xCE\x94Y| " + dy + " > " +
                                     fixedText(kLumaIdentityTolerance, 3) + "), which chroma recovery must not do.";
    for (size_t i = 1; i < d.candidates.size(); ++i)
      if (!keepsLuma(d.candidates[i]))
        v.notes.push_back(d.candidates[i].name + " moves the luma (max |\xCE\x94Y| " +
                          fixedText(d.candidates[i].metrics.mean.lumaIdentityMax, 4) +
                          "): its RGB figures gain from what a chroma recovery may not change.");
  } else {
    v.sentence += ".";
  }
  return v;
}

}  // namespace filmrecover::report
