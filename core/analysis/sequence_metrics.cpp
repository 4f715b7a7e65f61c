#include "core/analysis/sequence_metrics.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/analysis/temporal_consistency.h"
#include "core/exec/errors.h"
#include "core/io/frame_source.h"

namespace filmrecover::analysis {
namespace {

// Frames at which the grain is measured: at most maxFrames, evenly spread.
std::set<int> grainFrames(const std::vector<int>& frames, int maxFrames) {
  std::set<int> chosen;
  if (frames.empty() || maxFrames <= 0) return chosen;
  const size_t n = std::min(frames.size(), static_cast<size_t>(maxFrames));
  for (size_t i = 0; i < n; ++i) chosen.insert(frames[i * frames.size() / n]);
  return chosen;
}

FrameMetrics meanOf(const std::vector<FrameMetrics>& all) {
  FrameMetrics m;
  if (all.empty()) return m;
  const double n = static_cast<double>(all.size());
  for (const auto& f : all) {
    m.psnrRgb += f.psnrRgb / n, m.psnrLuma += f.psnrLuma / n, m.psnrChroma += f.psnrChroma / n;
    m.ssim += f.ssim / n, m.deltaE2000Mean += f.deltaE2000Mean / n, m.deltaE2000P95 += f.deltaE2000P95 / n;
    m.meanLumaA += f.meanLumaA / n, m.meanCbA += f.meanCbA / n, m.meanCrA += f.meanCrA / n;
    m.meanLumaB += f.meanLumaB / n, m.meanCbB += f.meanCbB / n, m.meanCrB += f.meanCrB / n;
    m.lumaIdentityMean += f.lumaIdentityMean / n, m.chromaIdentityMean += f.chromaIdentityMean / n;
    // Identity is a bound: the sequence's worst frame is what matters.
    m.lumaIdentityMax = std::max(m.lumaIdentityMax, f.lumaIdentityMax);
    m.chromaIdentityMax = std::max(m.chromaIdentityMax, f.chromaIdentityMax);
  }
  m.hasSource = all.front().hasSource;
  m.frame = static_cast<int>(all.size());
  return m;
}

TemporalSummary summarise(const std::vector<TemporalMetrics>& all) {
  TemporalSummary s;
  s.pairs = static_cast<int>(all.size());
  if (all.empty()) return s;
  const double n = static_cast<double>(all.size());
  for (const auto& t : all) {
    s.meanLumaStepA += t.lumaStepA / n, s.meanLumaStepB += t.lumaStepB / n;
    s.meanChromaStepA += t.chromaStepA / n, s.meanChromaStepB += t.chromaStepB / n;
    s.maxLumaStepA = std::max(s.maxLumaStepA, t.lumaStepA);
    s.maxChromaStepA = std::max(s.maxChromaStepA, t.chromaStepA);
    s.meanLumaStepExcess += t.lumaStepExcess / n, s.meanChromaStepExcess += t.chromaStepExcess / n;
    s.meanWarpErrorA += t.warpErrorA / n, s.meanWarpErrorB += t.warpErrorB / n;
    s.meanWarpErrorSource += t.warpErrorSource / n;
    s.meanChromaWarpErrorA += t.chromaWarpErrorA / n, s.meanChromaWarpErrorB += t.chromaWarpErrorB / n;
    s.meanChromaWarpErrorSource += t.chromaWarpErrorSource / n;
  }
  return s;
}

// Histograms of each compared frame of A, B and the source, for CDC.
struct FrameHistograms {
  std::vector<int> frames;
  std::vector<ChannelHistograms> a, b, source;
};

CdcResult cdcOf(const std::vector<int>& frames, const std::vector<ChannelHistograms>& h, const std::vector<int>& cuts,
                int onlyShot) {
  if (onlyShot < 0) return colourDistributionConsistency(frames, h, cuts);
  std::vector<int> f;
  std::vector<ChannelHistograms> hs;
  for (size_t i = 0; i < frames.size(); ++i)
    if (shotIndexOf(frames[i], cuts) == onlyShot) f.push_back(frames[i]), hs.push_back(h[i]);
  return colourDistributionConsistency(f, hs, cuts);
}

std::vector<ShotConsistency> perShot(const std::vector<FrameMetrics>& frames, const std::vector<TemporalMetrics>& pairs,
                                     const FrameHistograms& h, const std::vector<int>& cuts) {
  std::vector<int> order;
  for (const auto& f : frames) order.push_back(f.frame);
  std::sort(order.begin(), order.end());
  std::vector<ShotConsistency> shots;
  std::vector<int> index;  // shot index of each entry of `shots`
  for (int f : order) {
    const int k = shotIndexOf(f, cuts);
    if (index.empty() || index.back() != k) {
      index.push_back(k);
      shots.push_back({});
      shots.back().first = f;
    }
    shots.back().last = f;
  }
  for (size_t i = 0; i < shots.size(); ++i) {
    ShotConsistency& s = shots[i];
    for (const auto& t : pairs)
      if (t.shot == index[i]) {
        ++s.pairs;
        s.warpErrorA += t.warpErrorA, s.warpErrorB += t.warpErrorB, s.warpErrorSource += t.warpErrorSource;
        s.chromaWarpErrorA += t.chromaWarpErrorA, s.chromaWarpErrorB += t.chromaWarpErrorB;
        s.chromaWarpErrorSource += t.chromaWarpErrorSource;
      }
    if (s.pairs) {
      const double n = s.pairs;
      s.warpErrorA /= n, s.warpErrorB /= n, s.warpErrorSource /= n;
      s.chromaWarpErrorA /= n, s.chromaWarpErrorB /= n, s.chromaWarpErrorSource /= n;
    }
    s.cdcA = cdcOf(h.frames, h.a, cuts, index[i]);
    s.cdcB = cdcOf(h.frames, h.b, cuts, index[i]);
    if (!h.source.empty()) s.cdcSource = cdcOf(h.frames, h.source, cuts, index[i]);
  }
  return shots;
}

}  // namespace

SequenceMetrics compareSequences(const FrameReader& readA, const FrameReader& readB,
                                 const FrameReader& readSource, const std::vector<int>& frames,
                                 const CompareOptions& options, const ProgressCallback& progress,
                                 const CancelToken& cancel) {
  if (frames.empty()) throw InputError("there are no frames to compare.");
  SequenceMetrics out;
  out.motionGuide = readSource ? "source" : "B";
  const std::set<int> grainAt = options.grain ? grainFrames(frames, options.grainOptions.maxFrames) : std::set<int>{};
  GrainAccumulator grainA(options.grainOptions), grainB(options.grainOptions), grainSource(options.grainOptions);
  FrameHistograms histograms;
  out.cuts = options.cuts;
  FrameMetricsOptions frameOptions;
  frameOptions.deltaE = options.deltaE;
  frameOptions.threads = options.threads;

  Image prevA, prevB, prevGuide;
  int prevFrame = 0;
  bool havePrev = false;
  for (size_t i = 0; i < frames.size(); ++i) {
    cancel.throwIfCancelled();
    const int f = frames[i];
    Image a, b, src;
    try {
      a = readA(f);
      b = readB(f);
      if (readSource) src = readSource(f);
    } catch (const FrameDefectError& e) {
      // A damaged frame of either sequence is left out of every measure and named; the
      // temporal measures restart after it (no step is measured across the gap).
      out.skipped.push_back(e.defect);
      havePrev = false;
      continue;
    }
    FrameMetrics m = compareFrames(a, b, readSource ? &src : nullptr, frameOptions);
    m.frame = f;
    const int shot = shotIndexOf(f, options.cuts);
    if (options.temporal && havePrev && prevFrame == f - 1 && shotIndexOf(prevFrame, options.cuts) == shot) {
      const FrameMetrics& p = out.frames.back();
      TemporalMetrics t;
      t.frame = f;
      t.shot = shot;
      const double dYa = m.meanLumaA - p.meanLumaA, dYb = m.meanLumaB - p.meanLumaB;
      const double dCba = m.meanCbA - p.meanCbA, dCra = m.meanCrA - p.meanCrA;
      const double dCbb = m.meanCbB - p.meanCbB, dCrb = m.meanCrB - p.meanCrB;
      t.lumaStepA = std::abs(dYa), t.lumaStepB = std::abs(dYb);
      t.chromaStepA = std::hypot(dCba, dCra), t.chromaStepB = std::hypot(dCbb, dCrb);
      t.lumaStepExcess = std::abs(dYa - dYb);
      t.chromaStepExcess = std::hypot(dCba - dCbb, dCra - dCrb);
      const Image& guide = readSource ? src : b;
      const MotionEstimate motion = estimateMotion(prevGuide, guide);
      const WarpingErrors ea = warpingErrors(prevA, a, motion), eb = warpingErrors(prevB, b, motion);
      t.warpErrorA = ea.rgb, t.chromaWarpErrorA = ea.chroma;
      t.warpErrorB = eb.rgb, t.chromaWarpErrorB = eb.chroma;
      if (readSource) {
        const WarpingErrors es = warpingErrors(prevGuide, src, motion);
        t.warpErrorSource = es.rgb, t.chromaWarpErrorSource = es.chroma;
      }
      t.occludedFraction = motion.occludedFraction;
      out.temporal.push_back(t);
    }
    if (grainAt.count(f)) {
      const auto blocks = findFlatBlocks(b, options.grainOptions);
      grainA.add(a, blocks);
      grainB.add(b, blocks);
      if (readSource) grainSource.add(src, blocks);
    }
    if (options.temporal) {
      histograms.frames.push_back(f);
      histograms.a.push_back(channelHistograms(a));
      histograms.b.push_back(channelHistograms(b));
      if (readSource) histograms.source.push_back(channelHistograms(src));
    }
    out.frames.push_back(m);
    if (options.temporal) {
      prevA = std::move(a);
      prevB = std::move(b);
      prevGuide = readSource ? std::move(src) : prevB;
      prevFrame = f;
      havePrev = true;
    }
    reportProgress(progress, {"compare", static_cast<long long>(i + 1), static_cast<long long>(frames.size()),
                              "frame " + std::to_string(f) + " done"});
  }
  if (out.frames.empty())
    throw InputError("none of the frames to compare can be read (" + out.skipped.front().message + ").");
  out.mean = meanOf(out.frames);
  out.temporalSummary = summarise(out.temporal);
  if (options.temporal) {
    out.cdcA = colourDistributionConsistency(histograms.frames, histograms.a, options.cuts);
    out.cdcB = colourDistributionConsistency(histograms.frames, histograms.b, options.cuts);
    if (readSource) out.cdcSource = colourDistributionConsistency(histograms.frames, histograms.source, options.cuts);
    out.shots = perShot(out.frames, out.temporal, histograms, options.cuts);
  }
  const NoisePowerSpectrum na = grainA.result(), nb = grainB.result(), ns = grainSource.result();
  if (na.blocks > 0 && nb.blocks > 0) {
    out.hasGrain = true;
    out.grain = compareGrain(na, nb);
  }
  if (na.blocks > 0 && ns.blocks > 0) {
    out.hasSourceGrain = true;
    out.grainVsSource = compareGrain(na, ns);
  }
  return out;
}

SequenceMetrics compareSequences(const FrameSource& a, const FrameSource& b, const FrameSource* source,
                                 std::vector<int> frames, const CompareOptions& options,
                                 const ProgressCallback& progress, const CancelToken& cancel) {
  if (frames.empty()) {
    std::set<int> inB(b.info().frames.begin(), b.info().frames.end());
    std::set<int> inS;
    if (source) inS.insert(source->info().frames.begin(), source->info().frames.end());
    for (int f : a.info().frames)
      if (inB.count(f) && (!source || inS.count(f))) frames.push_back(f);
    if (frames.empty())
      throw InputError(a.info().spec + " and " + b.info().spec + (source ? " and " + source->info().spec : "") +
                       " have no frame numbers in common; pick frames with --frames.");
  }
  const auto reader = [](const FrameSource& s) { return [&s](int f) { return s.read(f); }; };
  return compareSequences(reader(a), reader(b), source ? FrameReader(reader(*source)) : FrameReader(), frames,
                          options, progress, cancel);
}

nlohmann::json toJson(const FrameMetrics& m) {
  nlohmann::json j = {{"frame", m.frame},
                      {"psnr_rgb", m.psnrRgb},
                      {"psnr_luma", m.psnrLuma},
                      {"psnr_chroma", m.psnrChroma},
                      {"ssim", m.ssim},
                      {"delta_e2000_mean", m.deltaE2000Mean},
                      {"delta_e2000_p95", m.deltaE2000P95},
                      {"mean_luma_a", m.meanLumaA},
                      {"mean_cb_a", m.meanCbA},
                      {"mean_cr_a", m.meanCrA},
                      {"mean_luma_b", m.meanLumaB},
                      {"mean_cb_b", m.meanCbB},
                      {"mean_cr_b", m.meanCrB}};
  if (m.hasSource) {
    j["luma_identity_max"] = m.lumaIdentityMax;
    j["luma_identity_mean"] = m.lumaIdentityMean;
    j["chroma_identity_max"] = m.chromaIdentityMax;
    j["chroma_identity_mean"] = m.chromaIdentityMean;
  }
  return j;
}

nlohmann::json toJson(const CdcResult& r) {
  return {{"cdc", r.cdc}, {"by_step", r.byStep}, {"pairs", r.pairs}};
}

nlohmann::json toJson(const SequenceMetrics& m) {
  nlohmann::json frames = nlohmann::json::array();
  for (const auto& f : m.frames) frames.push_back(toJson(f));
  nlohmann::json mean = toJson(m.mean);
  mean.erase("frame");
  mean["frames"] = m.mean.frame;
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& t : m.temporal)
    pairs.push_back({{"frame", t.frame},
                     {"luma_step_a", t.lumaStepA},
                     {"chroma_step_a", t.chromaStepA},
                     {"luma_step_b", t.lumaStepB},
                     {"chroma_step_b", t.chromaStepB},
                     {"luma_step_excess", t.lumaStepExcess},
                     {"chroma_step_excess", t.chromaStepExcess},
                     {"warp_error_a", t.warpErrorA},
                     {"warp_error_b", t.warpErrorB},
                     {"warp_error_source", t.warpErrorSource},
                     {"chroma_warp_error_a", t.chromaWarpErrorA},
                     {"chroma_warp_error_b", t.chromaWarpErrorB},
                     {"chroma_warp_error_source", t.chromaWarpErrorSource},
                     {"shot", t.shot},
                     {"occluded_fraction", t.occludedFraction}});
  const TemporalSummary& s = m.temporalSummary;
  nlohmann::json j = {{"frames", frames},
                      {"mean", mean},
                      {"flicker",
                       {{"pairs", pairs},
                        {"motion_guide", m.motionGuide},
                        {"summary",
                         {{"pairs", s.pairs},
                          {"mean_luma_step_a", s.meanLumaStepA},
                          {"max_luma_step_a", s.maxLumaStepA},
                          {"mean_luma_step_b", s.meanLumaStepB},
                          {"mean_chroma_step_a", s.meanChromaStepA},
                          {"max_chroma_step_a", s.maxChromaStepA},
                          {"mean_chroma_step_b", s.meanChromaStepB},
                          {"mean_luma_step_excess", s.meanLumaStepExcess},
                          {"mean_chroma_step_excess", s.meanChromaStepExcess},
                          {"mean_warp_error_a", s.meanWarpErrorA},
                          {"mean_warp_error_b", s.meanWarpErrorB},
                          {"mean_warp_error_source", s.meanWarpErrorSource},
                          {"mean_chroma_warp_error_a", s.meanChromaWarpErrorA},
                          {"mean_chroma_warp_error_b", s.meanChromaWarpErrorB},
                          {"mean_chroma_warp_error_source", s.meanChromaWarpErrorSource}}}}}};
  if (m.cdcA.measured()) {
    j["cdc"] = {{"steps", kCdcSteps}, {"a", toJson(m.cdcA)}, {"b", toJson(m.cdcB)}};
    if (m.cdcSource.measured()) j["cdc"]["source"] = toJson(m.cdcSource);
  }
  j["cuts"] = m.cuts;
  nlohmann::json shots = nlohmann::json::array();
  for (const auto& sh : m.shots) {
    nlohmann::json row = {{"first", sh.first},           {"last", sh.last},
                          {"pairs", sh.pairs},           {"warp_error_a", sh.warpErrorA},
                          {"warp_error_b", sh.warpErrorB}, {"chroma_warp_error_a", sh.chromaWarpErrorA},
                          {"chroma_warp_error_b", sh.chromaWarpErrorB}, {"cdc_a", sh.cdcA.cdc},
                          {"cdc_b", sh.cdcB.cdc}};
    if (!m.frames.empty() && m.frames.front().hasSource) {
      row["warp_error_source"] = sh.warpErrorSource;
      row["chroma_warp_error_source"] = sh.chromaWarpErrorSource;
      row["cdc_source"] = sh.cdcSource.cdc;
    }
    shots.push_back(row);
  }
  j["shots"] = shots;
  if (m.hasGrain) {
    const auto spectrum = [](const NoisePowerSpectrum& n) {
      return nlohmann::json{{"rms", n.rms}, {"blocks", n.blocks}, {"power", n.power}, {"rms_by_luma", n.rmsByLuma}};
    };
    j["grain"] = {{"frequency", m.grain.a.frequency},
                  {"luma_band_centre", m.grain.a.lumaBandCentre},
                  {"a", spectrum(m.grain.a)},
                  {"b", spectrum(m.grain.b)},
                  {"rms_ratio", m.grain.rmsRatio},
                  {"spectral_distance_db", m.grain.spectralDistanceDb}};
    if (m.hasSourceGrain)
      j["grain"]["source"] = {{"rms", m.grainVsSource.b.rms},
                              {"blocks", m.grainVsSource.b.blocks},
                              {"power", m.grainVsSource.b.power},
                              {"rms_by_luma", m.grainVsSource.b.rmsByLuma},
                              {"rms_ratio_a", m.grainVsSource.rmsRatio},
                              {"spectral_distance_db_a", m.grainVsSource.spectralDistanceDb}};
  }
  return j;
}

std::string formatTable(const SequenceMetrics& m) {
  const bool src = !m.frames.empty() && m.frames.front().hasSource;
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%8s %8s %8s %8s %7s %7s %7s", "frame", "PSNR", "Y PSNR", "C PSNR", "SSIM",
                "dE mean", "dE p95");
  out += line;
  if (src) {
    std::snprintf(line, sizeof line, " %8s %8s", "max dY", "max dC");
    out += line;
  }
  out += "\n";
  const auto row = [&](const std::string& label, const FrameMetrics& f) {
    std::snprintf(line, sizeof line, "%8s %8.2f %8.2f %8.2f %7.4f %7.3f %7.3f", label.c_str(), f.psnrRgb, f.psnrLuma,
                  f.psnrChroma, f.ssim, f.deltaE2000Mean, f.deltaE2000P95);
    out += line;
    if (src) {
      std::snprintf(line, sizeof line, " %8.5f %8.5f", f.lumaIdentityMax, f.chromaIdentityMax);
      out += line;
    }
    out += "\n";
  };
  for (const auto& f : m.frames) row(std::to_string(f.frame), f);
  row("mean", m.mean);
  const TemporalSummary& s = m.temporalSummary;
  if (s.pairs > 0) {
    std::snprintf(line, sizeof line,
                  "flicker over %d consecutive pairs: mean luma step A %.5f (B %.5f, max A %.5f), chroma step A %.5f "
                  "(B %.5f), excess luma %.5f chroma %.5f\n",
                  s.pairs, s.meanLumaStepA, s.meanLumaStepB, s.maxLumaStepA, s.meanChromaStepA, s.meanChromaStepB,
                  s.meanLumaStepExcess, s.meanChromaStepExcess);
    out += line;
    std::snprintf(line, sizeof line, "warping error (motion of %s): A %.3e, B %.3e", m.motionGuide.c_str(),
                  s.meanWarpErrorA, s.meanWarpErrorB);
    out += line;
    if (src) {
      std::snprintf(line, sizeof line, ", source %.3e", s.meanWarpErrorSource);
      out += line;
    }
    std::snprintf(line, sizeof line, "; chroma: A %.3e, B %.3e", s.meanChromaWarpErrorA, s.meanChromaWarpErrorB);
    out += line;
    if (src) {
      std::snprintf(line, sizeof line, ", source %.3e", s.meanChromaWarpErrorSource);
      out += line;
    }
    out += "\n";
  }
  if (m.cdcA.measured()) {
    std::snprintf(line, sizeof line, "colour distribution consistency (CDC, steps 1/2/4): A %.5f, B %.5f", m.cdcA.cdc,
                  m.cdcB.cdc);
    out += line;
    if (m.cdcSource.measured()) {
      std::snprintf(line, sizeof line, ", source %.5f", m.cdcSource.cdc);
      out += line;
    }
    out += "\n";
  }
  if (m.shots.size() > 1) {
    out += "per shot:\n";
    std::snprintf(line, sizeof line, "%12s %6s %11s %11s %11s %9s %9s %9s\n", "frames", "pairs", "warp A", "warp B",
                  "warp src", "CDC A", "CDC B", "CDC src");
    out += line;
    for (const auto& sh : m.shots) {
      const std::string range = std::to_string(sh.first) + "-" + std::to_string(sh.last);
      std::snprintf(line, sizeof line, "%12s %6d %11.3e %11.3e %11.3e %9.5f %9.5f %9.5f\n", range.c_str(), sh.pairs,
                    sh.warpErrorA, sh.warpErrorB, sh.warpErrorSource, sh.cdcA.cdc, sh.cdcB.cdc, sh.cdcSource.cdc);
      out += line;
    }
  }
  if (m.hasGrain) {
    std::snprintf(line, sizeof line, "grain on %d flat blocks: rms A %.5f, B %.5f (ratio %.3f), spectral distance %.2f dB\n",
                  m.grain.b.blocks, m.grain.a.rms, m.grain.b.rms, m.grain.rmsRatio, m.grain.spectralDistanceDb);
    out += line;
    if (m.hasSourceGrain) {
      std::snprintf(line, sizeof line, "grain against the source: rms A %.5f, source %.5f (ratio %.3f), spectral distance %.2f dB\n",
                    m.grainVsSource.a.rms, m.grainVsSource.b.rms, m.grainVsSource.rmsRatio,
                    m.grainVsSource.spectralDistanceDb);
      out += line;
    }
  }
  return out;
}

}  // namespace filmrecover::analysis
