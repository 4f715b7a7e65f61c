#include "core/infer/correction_stabiliser.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "core/analysis/temporal_consistency.h"
#include "core/color/ycbcr.h"
#include "core/exec/errors.h"

namespace filmrecover {
namespace {

// Cb, Cr of the output, less the source's when `minusSource` (what the model changed).
Image chromaSignal(const Image& source, const Image& output, bool minusSource) {
  Image c(output.width, output.height, 2);
  for (size_t i = 0; i < output.pixelCount(); ++i) {
    const float* s = &source.pixels[i * source.channels];
    const float* o = &output.pixels[i * output.channels];
    float ys, cbs, crs, yo, cbo, cro;
    rgbToYCbCr(s[0], s[1], s[2], ys, cbs, crs);
    rgbToYCbCr(o[0], o[1], o[2], yo, cbo, cro);
    c.pixels[i * 2] = minusSource ? cbo - cbs : cbo;
    c.pixels[i * 2 + 1] = minusSource ? cro - crs : cro;
  }
  return c;
}

Image lumaOf(const Image& rgb) {
  Image y(rgb.width, rgb.height, 1);
  for (size_t i = 0; i < rgb.pixelCount(); ++i) {
    const float* p = &rgb.pixels[i * rgb.channels];
    y.pixels[i] = luma709(p[0], p[1], p[2]);
  }
  return y;
}

}  // namespace

void to_json(nlohmann::json& j, const StabiliseSettings& s) {
  j = {{"enabled", s.enabled},
       {"target", s.target},
       {"radius", s.radius},
       {"sigma", s.sigma},
       {"lumaTolerance", s.lumaTolerance},
       {"chromaTolerance", s.chromaTolerance},
       {"flowMaxSide", s.flowMaxSide},
       {"cuts", s.cuts}};
}

void from_json(const nlohmann::json& j, StabiliseSettings& s) {
  s.enabled = j.value("enabled", s.enabled);
  s.target = j.value("target", s.target);
  s.radius = j.value("radius", s.radius);
  s.sigma = j.value("sigma", s.sigma);
  s.lumaTolerance = j.value("lumaTolerance", s.lumaTolerance);
  s.chromaTolerance = j.value("chromaTolerance", s.chromaTolerance);
  s.flowMaxSide = j.value("flowMaxSide", s.flowMaxSide);
  s.cuts = j.value("cuts", s.cuts);
}

void validateStabiliseSettings(const StabiliseSettings& s) {
  if (s.target != "chroma" && s.target != "correction")
    throw InputError("stabilisation target '" + s.target + "' is not chroma or correction.");
  if (s.radius < 0 || s.radius > 4)
    throw InputError("stabilisation radius " + std::to_string(s.radius) + " is out of range (0 to 4 frames).");
  if (!(s.sigma > 0)) throw InputError("stabilisation sigma must be above 0 frames.");
  if (!(s.lumaTolerance > 0)) throw InputError("stabilisation luma tolerance must be above 0.");
  if (!(s.chromaTolerance > 0)) throw InputError("stabilisation chroma tolerance must be above 0.");
  if (s.flowMaxSide != 0 && s.flowMaxSide < 64)
    throw InputError("stabilisation flow size " + std::to_string(s.flowMaxSide) + " is too small (0 = full size, else >= 64).");
}

CorrectionStabiliser::CorrectionStabiliser(StabiliseSettings settings) : settings_(std::move(settings)) {
  validateStabiliseSettings(settings_);
  std::sort(settings_.cuts.begin(), settings_.cuts.end());
}

bool CorrectionStabiliser::continues(int previous, int next) const {
  if (next != previous + 1) return false;
  return !std::binary_search(settings_.cuts.begin(), settings_.cuts.end(), next);
}

std::vector<StabilisedFrame> CorrectionStabiliser::push(int frame, Image source, Image output) {
  if (source.width != output.width || source.height != output.height || source.channels < 3 || output.channels < 3)
    throw InputError("frame " + std::to_string(frame) + ": the recovered frame (" + std::to_string(output.width) + "x" +
                     std::to_string(output.height) + ") and its source (" + std::to_string(source.width) + "x" +
                     std::to_string(source.height) + ") must be RGB of one size to be stabilised.");
  if (!window_.empty() && frame <= window_.back().frame)
    throw InputError("frames must reach the stabiliser in ascending order (" + std::to_string(frame) + " after " +
                     std::to_string(window_.back().frame) + ").");
  std::vector<StabilisedFrame> out;
  if (!window_.empty() && !continues(window_.back().frame, frame)) {
    out = release(window_.size() - released_);
    window_.clear();
    released_ = 0;
  }
  Held h;
  h.frame = frame;
  h.signal = chromaSignal(source, output, settings_.target == "correction");
  h.sourceLuma = lumaOf(source);
  h.source = std::move(source);
  h.output = std::move(output);
  window_.push_back(std::move(h));
  // A frame is final once `radius` frames after it are here.
  const size_t ready = window_.size() > static_cast<size_t>(settings_.radius) ? window_.size() - settings_.radius : 0;
  if (ready > released_) {
    auto more = release(ready - released_);
    for (auto& f : more) out.push_back(std::move(f));
  }
  return out;
}

std::vector<StabilisedFrame> CorrectionStabiliser::finish() {
  auto out = release(window_.size() - released_);
  window_.clear();
  released_ = 0;
  return out;
}

std::vector<StabilisedFrame> CorrectionStabiliser::release(size_t count) {
  std::vector<StabilisedFrame> out;
  for (size_t k = 0; k < count; ++k) {
    out.push_back(stabilise(released_));
    ++released_;
  }
  // Keep `radius` released frames as the past of those to come.
  while (released_ > static_cast<size_t>(settings_.radius)) {
    window_.pop_front();
    --released_;
  }
  return out;
}

StabilisedFrame CorrectionStabiliser::stabilise(size_t index) {
  Held& t = window_[index];
  Image out = t.output;
  if (settings_.radius == 0 || window_.size() < 2) return {t.frame, std::move(out)};
  const size_t n = t.output.pixelCount();
  std::vector<float> sum(n * 2), weight(n, 1.0f);
  for (size_t i = 0; i < n * 2; ++i) sum[i] = t.signal.pixels[i];
  const Image& yt = t.sourceLuma;
  const float tolerance = static_cast<float>(settings_.lumaTolerance);
  const float colourTolerance = static_cast<float>(settings_.chromaTolerance);
  const int r = settings_.radius;
  for (int d = -r; d <= r; ++d) {
    const long long j = static_cast<long long>(index) + d;
    if (d == 0 || j < 0 || j >= static_cast<long long>(window_.size())) continue;
    Held& nb = window_[static_cast<size_t>(j)];
    // Where each pixel of frame t is in the neighbour, by the source's motion. An earlier
    // neighbour estimated it when it was stabilised itself (the same DIS runs); a later one
    // keeps the other way for when its turn comes.
    analysis::MotionEstimate motion;
    const auto known = t.towardsEarlier.find(nb.frame);
    if (known != t.towardsEarlier.end()) {
      motion = std::move(known->second);
    } else {
      analysis::MotionPair pair = analysis::estimateMotionBothWays(nb.source, t.source, settings_.flowMaxSide);
      motion = std::move(pair.bIntoA);
      if (d > 0) nb.towardsEarlier[t.frame] = std::move(pair.aIntoB);
    }
    const Image c = analysis::warpImage(nb.signal, motion);
    const Image y = analysis::warpImage(nb.sourceLuma, motion);
    const float w = static_cast<float>(std::exp(-0.5 * d * d / (settings_.sigma * settings_.sigma)));
    for (size_t i = 0; i < n; ++i) {
      if (!motion.valid[i] || std::abs(y.pixels[i] - yt.pixels[i]) > tolerance) continue;
      // Tukey's biweight of the colour difference: a neighbour as far off as the tolerance
      // counts for nothing, the frame-to-frame noise (and flicker) of a recovery nearly fully.
      const float dcb = c.pixels[i * 2] - t.signal.pixels[i * 2], dcr = c.pixels[i * 2 + 1] - t.signal.pixels[i * 2 + 1];
      const float u2 = (dcb * dcb + dcr * dcr) / (colourTolerance * colourTolerance);
      if (u2 >= 1.0f) continue;
      const float wi = w * (1.0f - u2) * (1.0f - u2);
      sum[i * 2] += wi * c.pixels[i * 2];
      sum[i * 2 + 1] += wi * c.pixels[i * 2 + 1];
      weight[i] += wi;
    }
  }
  // The filtered chroma (plus the source's, for a filtered correction); the output's own
  // luma, untouched.
  const bool plusSource = settings_.target == "correction";
  for (size_t i = 0; i < n; ++i) {
    const float* s = &t.source.pixels[i * t.source.channels];
    float* o = &out.pixels[i * out.channels];
    float ys, cbs, crs, yo, cbo, cro;
    rgbToYCbCr(s[0], s[1], s[2], ys, cbs, crs);
    rgbToYCbCr(o[0], o[1], o[2], yo, cbo, cro);
    const float cb = sum[i * 2] / weight[i] + (plusSource ? cbs : 0.0f);
    const float cr = sum[i * 2 + 1] / weight[i] + (plusSource ? crs : 0.0f);
    yCbCrToRgb(yo, cb, cr, o[0], o[1], o[2]);
  }
  t.towardsEarlier.clear();
  return {t.frame, std::move(out)};
}

std::vector<Image> stabiliseShot(const std::vector<Image>& source, const std::vector<Image>& output,
                                 StabiliseSettings settings) {
  if (source.size() != output.size())
    throw InputError("a shot to stabilise needs one source frame per recovered frame.");
  settings.cuts.clear();
  CorrectionStabiliser s(settings);
  std::vector<Image> out;
  for (size_t i = 0; i < source.size(); ++i)
    for (auto& f : s.push(static_cast<int>(i), source[i], output[i])) out.push_back(std::move(f.second));
  for (auto& f : s.finish()) out.push_back(std::move(f.second));
  return out;
}

}  // namespace filmrecover
