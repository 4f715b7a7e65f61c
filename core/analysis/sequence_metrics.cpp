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
  }
  return s;
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
  GrainAccumulator grainA(options.grainOptions), grainB(options.grainOptions);
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
    if (options.temporal && havePrev && prevFrame == f - 1) {
      const FrameMetrics& p = out.frames.back();
      TemporalMetrics t;
      t.frame = f;
      const double dYa = m.meanLumaA - p.meanLumaA, dYb = m.meanLumaB - p.meanLumaB;
      const double dCba = m.meanCbA - p.meanCbA, dCra = m.meanCrA - p.meanCrA;
      const double dCbb = m.meanCbB - p.meanCbB, dCrb = m.meanCrB - p.meanCrB;
      t.lumaStepA = std::abs(dYa), t.lumaStepB = std::abs(dYb);
      t.chromaStepA = std::hypot(dCba, dCra), t.chromaStepB = std::hypot(dCbb, dCrb);
      t.lumaStepExcess = std::abs(dYa - dYb);
      t.chromaStepExcess = std::hypot(dCba - dCbb, dCra - dCrb);
      const Image& guide = readSource ? src : b;
      const MotionEstimate motion = estimateMotion(prevGuide, guide);
      t.warpErrorA = warpingError(prevA, a, motion);
      t.warpErrorB = warpingError(prevB, b, motion);
      t.occludedFraction = motion.occludedFraction;
      out.temporal.push_back(t);
    }
    if (grainAt.count(f)) {
      const auto blocks = findFlatBlocks(b, options.grainOptions);
      grainA.add(a, blocks);
      grainB.add(b, blocks);
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
  const NoisePowerSpectrum na = grainA.result(), nb = grainB.result();
  if (na.blocks > 0 && nb.blocks > 0) {
    out.hasGrain = true;
    out.grain = compareGrain(na, nb);
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
                          {"mean_warp_error_b", s.meanWarpErrorB}}}}}};
  if (m.hasGrain) {
    const auto spectrum = [](const NoisePowerSpectrum& n) {
      return nlohmann::json{{"rms", n.rms}, {"blocks", n.blocks}, {"power", n.power}};
    };
    j["grain"] = {{"frequency", m.grain.a.frequency},
                  {"a", spectrum(m.grain.a)},
                  {"b", spectrum(m.grain.b)},
                  {"rms_ratio", m.grain.rmsRatio},
                  {"spectral_distance_db", m.grain.spectralDistanceDb}};
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
    std::snprintf(line, sizeof line, "warping error (motion of %s): A %.3e, B %.3e\n", m.motionGuide.c_str(),
                  s.meanWarpErrorA, s.meanWarpErrorB);
    out += line;
  }
  if (m.hasGrain) {
    std::snprintf(line, sizeof line, "grain on %d flat blocks: rms A %.5f, B %.5f (ratio %.3f), spectral distance %.2f dB\n",
                  m.grain.b.blocks, m.grain.a.rms, m.grain.b.rms, m.grain.rmsRatio, m.grain.spectralDistanceDb);
    out += line;
  }
  return out;
}

}  // namespace filmrecover::analysis
