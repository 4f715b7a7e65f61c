#include "core/align/align_pairs.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>

#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include "core/align/shared_crop.h"
#include "core/exec/errors.h"
#include "core/exec/parallel_for.h"
#include "core/io/output_pattern.h"
#include "core/io/provenance.h"
#include "core/match/descriptor_set.h"
#include "core/match/luma.h"
#include "core/match/match_sources.h"
#include "core/opencv/image_mat.h"

namespace filmrecover::align {

using match::FrameAccess;
using match::FramePair;
using match::Mapping;
using match::detectElementActiveArea;
using match::fromFrameSource;
using match::matchHistogram;

namespace fs = std::filesystem;

namespace {

cv::Matx33d fromArray(const std::array<double, 9>& a) {
  return cv::Matx33d(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
}
std::array<double, 9> toArray(const cv::Matx33d& m) {
  return {m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2), m(2, 0), m(2, 1), m(2, 2)};
}

// Source pixel -> reference pixel taking one picture area onto the other.
cv::Matx33d areaToArea(const Rect& s, const Rect& r) {
  const double sx = double(r.width()) / s.width(), sy = double(r.height()) / s.height();
  return cv::Matx33d(sx, 0, r.x0 + 0.5 * sx - 0.5 - s.x0 * sx, 0, sy, r.y0 + 0.5 * sy - 0.5 - s.y0 * sy, 0, 0, 1);
}

// RMS distance (px) between where two transforms put the corners and centre of `area`.
double cornerDistance(const cv::Matx33d& a, const cv::Matx33d& b, const Rect& area) {
  const double xs[3] = {double(area.x0), (area.x0 + area.x1) / 2.0, double(area.x1 - 1)};
  const double ys[3] = {double(area.y0), (area.y0 + area.y1) / 2.0, double(area.y1 - 1)};
  double sum = 0;
  int n = 0;
  for (double x : xs)
    for (double y : ys) {
      const cv::Vec3d p = a * cv::Vec3d(x, y, 1), q = b * cv::Vec3d(x, y, 1);
      sum += std::pow(p[0] / p[2] - q[0] / q[2], 2) + std::pow(p[1] / p[2] - q[1] / q[2], 2);
      ++n;
    }
  return std::sqrt(sum / n);
}

}  // namespace

bool check_inliers(const FrameTransform& f) { return f.flag != kFlagUnverified; }

std::string defaultTransformsPath(const std::string& outputPattern) {
  const fs::path dir = fs::path(outputPattern).parent_path();
  return (dir.empty() ? fs::path("transforms.json") : dir / "transforms.json").string();
}

Transforms alignPairs(const FrameAccess& source, const FrameAccess& reference, const Mapping& mapping,
                      const std::string& outputPattern, const AlignOptions& o, const CancelToken& cancel,
                      const ProgressCallback& progress) {
  const OutputPattern pattern(outputPattern);
  {
    std::error_code ec;
    const fs::path dir = fs::path(outputPattern).parent_path();
    if (!dir.empty()) fs::create_directories(dir, ec);
    if (ec) throw InputError("cannot create the output folder " + dir.string() + " (" + ec.message() + ")");
  }
  const std::string transformsPath = o.transformsPath.empty() ? defaultTransformsPath(outputPattern) : o.transformsPath;
  WriteOptions write = o.write;
  if (write.format.empty()) {
    const std::string ext = fs::path(outputPattern).extension().string();
    write.format = ext.empty() ? "exr" : imageFormatFor(ext.substr(1));
  }

  Transforms result;
  result.source = source.spec;
  result.reference = reference.spec;
  result.mapping = o.mappingPath;
  result.output = outputPattern;
  result.model = motionModelName(o.registration.model);
  result.width = source.width;
  result.height = source.height;

  // Resume: entries of an earlier run of the same job whose frames exist are kept.
  std::map<int, FrameTransform> done;
  if (fs::exists(transformsPath)) {
    Transforms old = readTransforms(transformsPath);
    if (old.source == source.spec && old.reference == reference.spec && old.model == result.model)
      for (auto f : old.frames)
        if (fs::exists(pattern.pathFor(f.source))) {
          // The frame kept is the one on disk under this run's pattern; a "file" read from
          // the old transforms.json (which may come from elsewhere) is never carried over.
          f.file = pattern.pathFor(f.source);
          done[f.source] = f;
        }
  }

  // Which pairs to align.
  std::vector<FramePair> todo;
  for (const auto& p : mapping.pairs) {
    if (!o.frames.empty() && std::find(o.frames.begin(), o.frames.end(), p.source) == o.frames.end()) continue;
    if (p.flagged() && !o.includeFlaggedPairs) {
      result.skipped.push_back({p.source, p.reference, "pair flagged " + p.flag + " in the mapping"});
      continue;
    }
    auto it = done.find(p.source);
    if (it != done.end() && it->second.reference == p.reference) {
      result.frames.push_back(it->second);
      continue;
    }
    todo.push_back(p);
  }

  // Picture areas: from the mapping when it describes these elements, else found again.
  const bool mappingAreas = mapping.sourceWidth == source.width && mapping.referenceWidth == reference.width &&
                            !mapping.sourceActiveArea.empty() && !mapping.referenceActiveArea.empty();
  const Rect srcArea = mappingAreas ? mapping.sourceActiveArea : detectElementActiveArea(source);
  const Rect refArea = mappingAreas ? mapping.referenceActiveArea : detectElementActiveArea(reference);
  const cv::Matx33d initial = mapping.hasFraming ? fromArray(mapping.framing) : areaToArea(srcArea, refArea);

  // Pass 1: register every pair.
  const int n = int(todo.size());
  std::vector<Registration> estimates(n);
  // A pair whose source or reference frame cannot be read is left out and named: its
  // unconverged estimate takes no part in smoothing its neighbours, and nothing is written.
  std::vector<std::string> unreadable(static_cast<size_t>(n));
  std::atomic<int> counter{0};
  parallelFor(n, o.threads, [&](int k) {
    cancel.throwIfCancelled();
    cv::Mat s, r;
    try {
      s = lumaMat(source.read(todo[k].source));
      r = lumaMat(reference.read(todo[k].reference));
    } catch (const InputError& e) {
      unreadable[static_cast<size_t>(k)] = e.what();
      return;
    }
    estimates[k] = registerFrames(s, srcArea, r, refArea, initial, o.registration);
    const int d = ++counter;
    reportProgress(progress, {"register", d, n, "frame " + std::to_string(todo[k].source) + " registered"});
  });

  // Pass 2: stretches of consecutive frames inside one shot; steady ones are smoothed.
  std::vector<cv::Matx33d> finalMatrix(n);
  std::vector<bool> smoothed(n, false);
  for (int k = 0; k < n; ++k) finalMatrix[k] = estimates[k].referenceToSource;
  auto newShot = [&](int k) {
    if (k == 0) return true;
    const auto& a = todo[k - 1];
    const auto& b = todo[k];
    if (b.source - a.source > 2 || std::abs(b.reference - a.reference) > 3) return true;
    for (int c : mapping.sourceCuts)
      if (c > a.source && c <= b.source) return true;
    return false;
  };
  for (int a = 0; a < n;) {
    int b = a + 1;
    while (b < n && !newShot(b)) ++b;
    std::vector<cv::Matx33d> median(b - a);
    const int half = o.smoothWindow / 2;
    double worst = 0;
    for (int k = a; k < b; ++k) {
      cv::Matx33d m;
      for (int e = 0; e < 9; ++e) {
        std::vector<double> v;
        for (int q = std::max(a, k - half); q < std::min(b, k + half + 1); ++q)
          if (estimates[q].converged) v.push_back(estimates[q].referenceToSource.val[e]);
        if (v.empty()) v.push_back(estimates[k].referenceToSource.val[e]);
        std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
        m.val[e] = v[v.size() / 2];
      }
      median[k - a] = m;
      worst = std::max(worst, cornerDistance(m, estimates[k].referenceToSource, srcArea));
    }
    // Steady: every frame within the threshold of the smoothed curve; the smoothed transform
    // then only removes estimation noise. Otherwise (gate weave) each frame keeps its own.
    if (b - a >= 3 && worst <= o.steadyThreshold)
      for (int k = a; k < b; ++k) finalMatrix[k] = median[k - a], smoothed[k] = true;
    a = b;
  }

  // Pass 3: warp, check, write.
  std::mutex mutex;
  cv::Mat sharedMask = cv::Mat(source.height, source.width, CV_8U, cv::Scalar(255));
  for (const auto& f : result.frames)
    if (!f.crop.empty()) {
      cv::Mat keep = cv::Mat::zeros(sharedMask.size(), CV_8U);
      keep(cv::Rect(f.crop.x0, f.crop.y0, f.crop.width(), f.crop.height())) = 255;
      sharedMask &= keep;
    }
  counter = 0;
  auto checkpoint = [&]() {
    Transforms t = result;
    std::sort(t.frames.begin(), t.frames.end(), [](auto& x, auto& y) { return x.source < y.source; });
    writeTransforms(t, transformsPath);
  };
  parallelFor(n, o.threads, [&](int k) {
    cancel.throwIfCancelled();
    const FramePair& p = todo[k];
    Image srcImage, refImage;
    try {
      if (!unreadable[static_cast<size_t>(k)].empty()) throw InputError(unreadable[static_cast<size_t>(k)]);
      srcImage = source.read(p.source);
      refImage = reference.read(p.reference);
    } catch (const InputError& e) {
      std::lock_guard<std::mutex> lock(mutex);
      result.skipped.push_back({p.source, p.reference, e.what(), true});
      return;
    }
    const cv::Mat srcLuma = lumaMat(srcImage);
    const cv::Mat aligned = warpToSource(toMat(refImage), finalMatrix[k], source.width, source.height);
    Image out = fromMat(aligned);
    const cv::Mat alignedLuma = lumaMat(out);

    FrameTransform ft;
    ft.source = p.source;
    ft.reference = p.reference;
    ft.matrix = toArray(finalMatrix[k]);
    ft.smoothed = smoothed[k];
    cv::Mat valid = validPictureMask(source.width, source.height, srcArea, refArea, finalMatrix[k]);
    const Rect validBox = largestRectangle(valid);
    // Correlation and residual over the valid picture, on tone-matched band-passed luma.
    if (!validBox.empty()) {
      const cv::Mat matched = matchHistogram(alignedLuma, srcLuma, valid, valid);
      const ResidualCheck check = measureResidual(srcLuma, matched, validBox);
      ft.residual = check.residual;
      ft.inlierRatio = check.inlierRatio;
      cv::Mat a, b, la, lb;
      cv::GaussianBlur(srcLuma, la, cv::Size(0, 0), std::max(3.0, source.width / 80.0));
      cv::GaussianBlur(matched, lb, cv::Size(0, 0), std::max(3.0, source.width / 80.0));
      a = srcLuma - la;
      b = matched - lb;
      ft.correlation = cv::computeECC(a, b, valid);
      if (check.texturedTiles < 3) ft.flag = kFlagUnverified;
      removeCaptionRows(srcLuma, alignedLuma, validBox, valid);
    }
    if (!estimates[k].converged || ft.correlation < o.minCorrelation) ft.flag = kFlagLowCorrelation;
    else if (ft.residual > o.maxResidual || (check_inliers(ft) && ft.inlierRatio < o.minInlierRatio))
      ft.flag = kFlagHighResidual;
    ft.crop = largestRectangle(valid);
    ft.file = pattern.pathFor(p.source);

    WriteOptions w = write;
    addProvenance(w.attributes,
                  {{"stage", "align"},
                   {"alignedReference", reference.spec},
                   {"alignedReferenceFrame", std::to_string(p.reference)},
                   {"alignedToSource", source.spec},
                   {"alignedToSourceFrame", std::to_string(p.source)},
                   {"alignModel", result.model},
                   {"alignResidualPx", std::to_string(ft.residual)}},
                  false);
    // Aligned frames are resampled captured pixels, not model output.
    w.attributes.erase(kDigitalSourceTypeKey);
    writeImageAtomic(ft.file, out, w);

    std::lock_guard<std::mutex> lock(mutex);
    sharedMask &= valid;
    result.frames.push_back(ft);
    const int d = ++counter;
    if (d % 20 == 0) checkpoint();
    reportProgress(progress, {"align", d, n, "frame " + std::to_string(p.source) + " done"});
  });

  std::sort(result.frames.begin(), result.frames.end(), [](auto& x, auto& y) { return x.source < y.source; });
  std::sort(result.skipped.begin(), result.skipped.end(), [](auto& x, auto& y) { return x.source < y.source; });
  result.sharedCrop = largestRectangle(sharedMask);
  writeTransforms(result, transformsPath);
  return result;
}

Transforms alignPairs(std::shared_ptr<FrameSource> source, std::shared_ptr<FrameSource> reference,
                      const Mapping& mapping, const std::string& outputPattern, const AlignOptions& options,
                      const CancelToken& cancel, const ProgressCallback& progress) {
  return alignPairs(fromFrameSource(std::move(source)), fromFrameSource(std::move(reference)), mapping,
                    outputPattern, options, cancel, progress);
}

}  // namespace filmrecover::align
