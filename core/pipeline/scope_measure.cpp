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

FrameError frameError(const Image& recovered, const Image& reference, const Rect& crop, const ErrorMeasure& m) {
  if (recovered.width != reference.width || recovered.height != reference.height)
    throw InputError("a recovered frame and its aligned reference differ in size (" + std::to_string(recovered.width) +
                     "x" + std::to_string(recovered.height) + " against " + std::to_string(reference.width) + "x" +
                     std::to_string(reference.height) + ").");
  cv::Mat a = croppedRgb(recovered, crop), b = croppedRgb(reference, crop);
  FrameError e;
  const int block = m.blockFor();
  if (block > 1) {
    const cv::Size size(std::max(1, a.cols / block), std::max(1, a.rows / block));
    cv::resize(a, a, size, 0, 0, cv::INTER_AREA);
    cv::resize(b, b, size, 0, 0, cv::INTER_AREA);
  }
  double sum = 0, da = 0, db = 0, sumY = 0, dy = 0;
  for (int y = 0; y < a.rows; ++y)
    for (int x = 0; x < a.cols; ++x) {
      const auto& p = a.at<cv::Vec3f>(y, x);
      const auto& q = b.at<cv::Vec3f>(y, x);
      const Lab la = rgbToLab(p[0], p[1], p[2]), lb = rgbToLab(q[0], q[1], q[2]);
      sum += deltaE2000(la, lb);
      da += lb.a - la.a;
      db += lb.b - la.b;
      const double yp = luma709(p[0], p[1], p[2]), yq = luma709(q[0], q[1], q[2]);
      sumY += std::abs(yq - yp);
      dy += yq - yp;
    }
  const double n = std::max(1, a.rows * a.cols);
  e.error = m.mode == "spatial" ? 100.0 * sumY / n : sum / n;
  e.biasA = da / n;
  e.biasB = db / n;
  e.biasLuma = 100.0 * dy / n;
  return e;
}

std::vector<FrameError> modelErrors(const std::string& modelPath, const FrameSource& source, const FrameSource& aligned,
                                const std::vector<int>& frames, const Rect& crop, const ErrorMeasure& measure,
                                int threads, const CancelToken& cancel) {
  std::vector<FrameError> errors;
  if (frames.empty()) return errors;
  InferSettings settings;
  settings.threads = threads;
  if (!measure.chromaGuide) settings.chromaGuide.radius = 0;
  const FramePredictor predictor(modelPath, settings);
  for (int f : frames) {
    cancel.throwIfCancelled();
    Image input, reference;
    try {
      input = source.read(f);
      reference = aligned.read(f);
    } catch (const InputError&) {
      FrameError unread;
      unread.measured = false;
      errors.push_back(unread);
      continue;
    }
    errors.push_back(frameError(predictor.process(input), reference, crop, measure));
  }
  return errors;
}

}  // namespace filmrecover::pipeline
