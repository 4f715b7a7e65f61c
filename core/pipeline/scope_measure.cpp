#include "core/pipeline/scope_measure.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <opencv2/imgproc.hpp>

#include "core/color/lab.h"
#include "core/color/ycbcr.h"
#include "core/exec/errors.h"
#include "core/infer/frame_predictor.h"
#include "core/io/frame_source.h"
#include "core/opencv/image_mat.h"

namespace filmrecover::pipeline {

namespace {

// `count` of `items` spread evenly (all of them when there are no more).
std::vector<int> spread(const std::vector<int>& items, int count) {
  if (count <= 0) return {};
  if (static_cast<int>(items.size()) <= count) return items;
  std::vector<int> out;
  for (int k = 0; k < count; ++k) out.push_back(items[static_cast<size_t>((k + 0.5) * items.size() / count)]);
  return out;
}

cv::Rect cropRect(const Image& image, const Rect& crop) {
  if (crop.empty()) return {0, 0, image.width, image.height};
  const int x0 = std::clamp(crop.x0, 0, image.width), y0 = std::clamp(crop.y0, 0, image.height);
  const int x1 = std::clamp(crop.x1, x0, image.width), y1 = std::clamp(crop.y1, y0, image.height);
  return {x0, y0, x1 - x0, y1 - y0};
}

cv::Mat croppedRgb(const Image& image, const Rect& crop) {
  const cv::Rect r = cropRect(image, crop);
  if (r.empty()) throw InputError("the shared crop lies outside the frame.");
  return toRgbMat(image)(r).clone();
}

}  // namespace

std::vector<std::vector<int>> unseenPairsPerShot(const std::vector<ShotSpan>& shots, const std::vector<int>& paired,
                                                 const std::vector<int>& train, const std::vector<int>& holdout,
                                                 const std::vector<int>& rejected, int perShot) {
  const std::set<int> trained(train.begin(), train.end()), held(holdout.begin(), holdout.end()),
      refused(rejected.begin(), rejected.end());
  std::vector<std::vector<int>> out(shots.size());
  for (const auto& s : shots) {
    std::vector<int> first, rest;
    for (int f : paired) {
      if (f < s.first || f > s.last || trained.count(f) || refused.count(f)) continue;
      (held.count(f) ? first : rest).push_back(f);
    }
    std::vector<int> chosen = spread(first, perShot);
    for (int f : spread(rest, perShot - static_cast<int>(chosen.size()))) chosen.push_back(f);
    std::sort(chosen.begin(), chosen.end());
    out[s.index] = chosen;
  }
  return out;
}

double frameError(const Image& recovered, const Image& reference, const Rect& crop, const ErrorMeasure& m) {
  if (recovered.width != reference.width || recovered.height != reference.height)
    throw InputError("a recovered frame and its aligned reference differ in size (" + std::to_string(recovered.width) +
                     "x" + std::to_string(recovered.height) + " against " + std::to_string(reference.width) + "x" +
                     std::to_string(reference.height) + ").");
  cv::Mat a = croppedRgb(recovered, crop), b = croppedRgb(reference, crop);
  if (m.mode == "spatial") {
    double sum = 0;
    for (int y = 0; y < a.rows; ++y)
      for (int x = 0; x < a.cols; ++x) {
        const auto& p = a.at<cv::Vec3f>(y, x);
        const auto& q = b.at<cv::Vec3f>(y, x);
        sum += std::abs(luma709(p[0], p[1], p[2]) - luma709(q[0], q[1], q[2]));
      }
    return 100.0 * sum / std::max(1, a.rows * a.cols);
  }
  if (m.blur > 0) {
    cv::GaussianBlur(a, a, cv::Size(0, 0), m.blur, m.blur, cv::BORDER_REFLECT);
    cv::GaussianBlur(b, b, cv::Size(0, 0), m.blur, m.blur, cv::BORDER_REFLECT);
  }
  return meanDeltaE2000(fromMat(a), fromMat(b));
}

std::vector<double> modelErrors(const std::string& modelPath, const FrameSource& source, const FrameSource& aligned,
                                const std::vector<int>& frames, const Rect& crop, const ErrorMeasure& measure,
                                int threads, const CancelToken& cancel) {
  std::vector<double> errors;
  if (frames.empty()) return errors;
  InferSettings settings;
  settings.threads = threads;
  const FramePredictor predictor(modelPath, settings);
  for (int f : frames) {
    cancel.throwIfCancelled();
    errors.push_back(frameError(predictor.process(source.read(f)), aligned.read(f), crop, measure));
  }
  return errors;
}

ColourSamples colourSamples(const FrameSource& source, const FrameSource& aligned, const std::vector<int>& frames,
                            const Rect& crop) {
  ColourSamples s;
  // Blocks of about 4 source pixels, at most 96 across: grain, dust and compression average
  // out, and a shot costs a few thousand samples per frame.
  for (int f : spread(frames, 4)) {
    const cv::Mat a = croppedRgb(source.read(f), crop), b = croppedRgb(aligned.read(f), crop);
    const int w = std::max(1, std::min(96, a.cols / 4)), h = std::max(1, a.rows * w / std::max(1, a.cols));
    cv::Mat sa, sb;
    cv::resize(a, sa, cv::Size(w, h), 0, 0, cv::INTER_AREA);
    cv::resize(b, sb, cv::Size(w, h), 0, 0, cv::INTER_AREA);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const auto& p = sa.at<cv::Vec3f>(y, x);
        const auto& q = sb.at<cv::Vec3f>(y, x);
        const Lab la = rgbToLab(p[0], p[1], p[2]), lb = rgbToLab(q[0], q[1], q[2]);
        for (double v : {la.L, la.a, la.b}) s.source.push_back(static_cast<float>(v));
        for (double v : {lb.L, lb.a, lb.b}) s.reference.push_back(static_cast<float>(v));
      }
  }
  return s;
}

ColourTransfer fitColourTransfer(const ColourSamples& s) {
  ColourTransfer t;
  const size_t n = s.source.size() / 3;
  if (n == 0) return t;
  // Each of a*, b* on its own: a gain and an offset (the fade's loss of chroma and its cast).
  // Cross terms and L* fit one shot better but carry it badly to another shot's colours.
  for (int c = 0; c < 2; ++c) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (size_t i = 0; i < n; ++i) {
      const double x = s.source[3 * i + 1 + c], y = s.reference[3 * i + 1 + c];
      sx += x, sy += y, sxx += x * x, sxy += x * y;
    }
    const double var = sxx - sx * sx / n, cov = sxy - sx * sy / n;
    const double gain = var > 1e-9 * n ? cov / var : 1.0;
    t.m[c][1 + c] = gain;
    t.m[c][3] = (sy - gain * sx) / n;
  }
  return t;
}

double transferError(const ColourTransfer& t, const ColourSamples& s) {
  const size_t n = s.source.size() / 3;
  if (n == 0) return 0;
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    const double x[4] = {s.source[3 * i], s.source[3 * i + 1], s.source[3 * i + 2], 1.0};
    double d2 = 0;
    for (int c = 0; c < 2; ++c) {
      const double p = t.m[c][0] * x[0] + t.m[c][1] * x[1] + t.m[c][2] * x[2] + t.m[c][3];
      d2 += std::pow(p - s.reference[3 * i + 1 + c], 2);
    }
    sum += d2;
  }
  return std::sqrt(sum / n);
}

ShotPairAgreement colourAgreement(const ColourSamples& a, const ColourSamples& b) {
  const ColourTransfer ta = fitColourTransfer(a), tb = fitColourTransfer(b);
  return {transferError(ta, a), transferError(tb, b), transferError(ta, b), transferError(tb, a)};
}

}  // namespace filmrecover::pipeline
