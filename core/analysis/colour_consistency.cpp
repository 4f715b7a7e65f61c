#include "core/analysis/colour_consistency.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "core/exec/errors.h"

namespace filmrecover::analysis {

ChannelHistograms channelHistograms(const Image& image) {
  if (image.channels < 3) throw InputError("colour histograms need an RGB image.");
  ChannelHistograms h;
  std::array<std::vector<size_t>, 3> counts;
  for (auto& c : counts) c.assign(kCdcBins, 0);
  const size_t n = image.pixelCount();
  for (size_t i = 0; i < n; ++i) {
    const float* p = &image.pixels[i * image.channels];
    for (int c = 0; c < 3; ++c) {
      const float v = std::isfinite(p[c]) ? std::clamp(p[c], 0.0f, 1.0f) : 0.0f;
      ++counts[c][static_cast<size_t>(std::lround(v * (kCdcBins - 1)))];
    }
  }
  for (int c = 0; c < 3; ++c) {
    h.channel[c].resize(kCdcBins);
    for (int b = 0; b < kCdcBins; ++b)
      h.channel[c][b] = n ? static_cast<double>(counts[c][b]) / static_cast<double>(n) : 0.0;
  }
  return h;
}

double jensenShannon(const std::vector<double>& p, const std::vector<double>& q) {
  if (p.size() != q.size())
    throw InputError("Jensen-Shannon divergence of distributions of different lengths (" + std::to_string(p.size()) +
                     " and " + std::to_string(q.size()) + ").");
  double js = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const double m = 0.5 * (p[i] + q[i]);
    if (p[i] > 0) js += 0.5 * p[i] * std::log(p[i] / m);
    if (q[i] > 0) js += 0.5 * q[i] * std::log(q[i] / m);
  }
  return std::max(0.0, js);  // rounding can leave -1e-17 for equal inputs
}

double histogramDivergence(const ChannelHistograms& a, const ChannelHistograms& b) {
  double sum = 0;
  for (int c = 0; c < 3; ++c) sum += jensenShannon(a.channel[c], b.channel[c]);
  return sum / 3.0;
}

int shotIndexOf(int frame, const std::vector<int>& cuts) {
  return static_cast<int>(std::count_if(cuts.begin(), cuts.end(), [frame](int c) { return c <= frame; }));
}

CdcResult colourDistributionConsistency(const std::vector<int>& frames, const std::vector<ChannelHistograms>& histograms,
                                        const std::vector<int>& cuts) {
  if (frames.size() != histograms.size())
    throw InputError("CDC needs one histogram per frame (" + std::to_string(frames.size()) + " frames, " +
                     std::to_string(histograms.size()) + " histograms).");
  std::map<int, const ChannelHistograms*> byFrame;
  for (size_t i = 0; i < frames.size(); ++i) byFrame[frames[i]] = &histograms[i];
  CdcResult r;
  int steps = 0;
  for (size_t s = 0; s < kCdcSteps.size(); ++s) {
    const int d = kCdcSteps[s];
    double sum = 0;
    for (const auto& [f, h] : byFrame) {
      const auto next = byFrame.find(f + d);
      if (next == byFrame.end() || shotIndexOf(f, cuts) != shotIndexOf(f + d, cuts)) continue;
      sum += histogramDivergence(*h, *next->second);
      ++r.pairs[s];
    }
    if (r.pairs[s] == 0) continue;
    r.byStep[s] = sum / r.pairs[s];
    r.cdc += r.byStep[s];
    ++steps;
  }
  if (steps) r.cdc /= steps;
  return r;
}

}  // namespace filmrecover::analysis
