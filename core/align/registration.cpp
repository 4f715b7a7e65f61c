#include "core/align/registration.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include "core/exec/errors.h"
#include "core/match/luma.h"

namespace filmrecover::align {

using match::matchHistogram;

MotionModel motionModelFromName(const std::string& name) {
  if (name == "translation") return MotionModel::Translation;
  if (name == "similarity") return MotionModel::Similarity;
  if (name == "affine") return MotionModel::Affine;
  if (name == "homography") return MotionModel::Homography;
  throw InputError("--model must be translation, similarity, affine or homography, not '" + name + "'");
}

std::string motionModelName(MotionModel model) {
  switch (model) {
    case MotionModel::Translation: return "translation";
    case MotionModel::Similarity: return "similarity";
    case MotionModel::Affine: return "affine";
    default: return "homography";
  }
}

namespace {

// Band-pass at a scale tied to the image size: keeps edges and texture, drops shading and fade.
cv::Mat bandPassed(const cv::Mat& luma, double lowSigma) {
  cv::Mat low, fine;
  cv::GaussianBlur(luma, low, cv::Size(0, 0), lowSigma);
  cv::GaussianBlur(luma, fine, cv::Size(0, 0), 0.7);
  return fine - low;
}

cv::Mat areaMask(const cv::Size& size, const Rect& area, int margin) {
  cv::Mat m = cv::Mat::zeros(size, CV_8U);
  const cv::Rect r(area.x0 + margin, area.y0 + margin, area.width() - 2 * margin, area.height() - 2 * margin);
  if (r.width > 0 && r.height > 0) m(r & cv::Rect(0, 0, size.width, size.height)) = 255;
  return m;
}

// Pixel-centre scaling between a grid and the same grid shrunk by `f` (coords c -> (c+0.5)/f-0.5).
cv::Matx33d shrinkMatrix(double f) {
  return cv::Matx33d(1 / f, 0, 0.5 / f - 0.5, 0, 1 / f, 0.5 / f - 0.5, 0, 0, 1);
}

cv::Matx33d toSimilarity(const cv::Matx33d& a) {
  const double s = (a(0, 0) + a(1, 1)) / 2, r = (a(1, 0) - a(0, 1)) / 2;
  return cv::Matx33d(s, -r, a(0, 2), r, s, a(1, 2), 0, 0, 1);
}

}  // namespace

cv::Mat warpToSource(const cv::Mat& image, const cv::Matx33d& referenceToSource, int width, int height) {
  cv::Mat out;
  const cv::Matx33d srcToRef = referenceToSource.inv();
  cv::warpPerspective(image, out, cv::Mat(srcToRef), cv::Size(width, height),
                      cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT, cv::Scalar::all(0));
  return out;
}

Registration registerFrames(const cv::Mat& srcLumaFull, const Rect& srcArea, const cv::Mat& refLumaFull,
                            const Rect& refArea, const cv::Matx33d& initial, const RegistrationOptions& o) {
  // Working resolution: 2K at most; the warp is converted back at the end.
  const double workScale = srcLumaFull.cols > o.maxWorkingWidth ? double(o.maxWorkingWidth) / srcLumaFull.cols : 1.0;
  cv::Mat srcLuma = srcLumaFull, refLuma = refLumaFull;
  Rect sArea = srcArea, rArea = refArea;
  cv::Matx33d srcToWork = cv::Matx33d::eye(), refToWork = cv::Matx33d::eye();
  if (workScale < 1.0) {
    cv::resize(srcLumaFull, srcLuma, cv::Size(), workScale, workScale, cv::INTER_AREA);
    srcToWork = shrinkMatrix(1 / workScale);
    sArea = Rect{int(srcArea.x0 * workScale), int(srcArea.y0 * workScale), int(srcArea.x1 * workScale),
                 int(srcArea.y1 * workScale)};
    const double rs = std::min(1.0, workScale * 1.5 * srcLumaFull.cols / std::max(1, refLumaFull.cols));
    if (rs < 1.0) {
      cv::resize(refLumaFull, refLuma, cv::Size(), rs, rs, cv::INTER_AREA);
      refToWork = shrinkMatrix(1 / rs);
      rArea = Rect{int(refArea.x0 * rs), int(refArea.y0 * rs), int(refArea.x1 * rs), int(refArea.y1 * rs)};
    }
  }
  // Tones of the reference onto the source's, then band-pass at the working scale.
  const cv::Mat srcMask = areaMask(srcLuma.size(), sArea, 0), refMask = areaMask(refLuma.size(), rArea, 0);
  const cv::Mat refMatched = matchHistogram(refLuma, srcLuma, refMask, srcMask);
  const double lowSigma = std::max(3.0, srcLuma.cols / 80.0);
  // Gradient magnitude of lightly smoothed luma: edges line up whatever their contrast or
  // polarity on each element (dye fade changes both, differently for each colour).
  auto edges = [](const cv::Mat& luma, double sigma) {
    cv::Mat smooth, gx, gy, mag;
    cv::GaussianBlur(luma, smooth, cv::Size(0, 0), sigma);
    cv::Sobel(smooth, gx, CV_32F, 1, 0);
    cv::Sobel(smooth, gy, CV_32F, 0, 1);
    cv::magnitude(gx, gy, mag);
    return mag;
  };
  (void)lowSigma;
  const double edgeSigma = std::max(1.0, srcLuma.cols / 400.0);
  const cv::Mat srcBand = edges(srcLuma, edgeSigma);
  const cv::Mat refBand = edges(refMatched, edgeSigma * refLuma.cols / double(srcLuma.cols));

  // ECC warp maps template (source) coordinates to input (reference) coordinates.
  cv::Matx33d warp = refToWork * initial * srcToWork.inv();
  const int motion = o.model == MotionModel::Translation ? cv::MOTION_TRANSLATION
                     : o.model == MotionModel::Homography ? cv::MOTION_HOMOGRAPHY
                                                          : cv::MOTION_AFFINE;
  int levels = 0;
  while ((srcLuma.cols >> (levels + 1)) >= o.coarsestWidth) ++levels;
  Registration result;
  for (int level = levels; level >= 0; --level) {
    const double f = double(1 << level);
    cv::Mat s = srcBand, r = refBand, sm = srcMask, rm = refMask;
    if (level > 0) {
      cv::resize(srcBand, s, cv::Size(), 1 / f, 1 / f, cv::INTER_AREA);
      cv::resize(refBand, r, cv::Size(), 1 / f, 1 / f, cv::INTER_AREA);
      cv::resize(refMask, rm, r.size(), 0, 0, cv::INTER_NEAREST);
    }
    cv::erode(rm, rm, cv::Mat(), cv::Point(-1, -1), 2);
    const cv::Matx33d down = shrinkMatrix(f);
    cv::Matx33d w = down * warp * down.inv();
    cv::Mat w32;
    if (motion == cv::MOTION_HOMOGRAPHY) {
      cv::Mat(w).convertTo(w32, CV_32F);
    } else {
      cv::Mat(w).rowRange(0, 2).convertTo(w32, CV_32F);
    }
    // Template limited to the source's picture area (its outside is border, not picture).
    const Rect sa{int(sArea.x0 / f), int(sArea.y0 / f), int(sArea.x1 / f), int(sArea.y1 / f)};
    const cv::Rect roi(sa.x0, sa.y0, sa.width(), sa.height());
    const cv::Matx33d shift(1, 0, roi.x, 0, 1, roi.y, 0, 0, 1);
    cv::Mat wRoi;
    cv::Mat(cv::Matx33d(w * shift)).rowRange(0, motion == cv::MOTION_HOMOGRAPHY ? 3 : 2).convertTo(wRoi, CV_32F);
    try {
      result.correlation = cv::findTransformECC(
          s(roi), r, wRoi, motion,
          cv::TermCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, o.iterations, 1e-6), rm, 3);
      result.converged = true;
    } catch (const cv::Exception&) {
      result.converged = false;
      continue;  // keep the previous level's estimate
    }
    cv::Matx33d est = cv::Matx33d::eye();
    for (int i = 0; i < wRoi.rows; ++i)
      for (int j = 0; j < 3; ++j) est(i, j) = wRoi.at<float>(i, j);
    est = est * shift.inv();
    warp = down.inv() * est * down;
  }
  cv::Matx33d srcToRef = refToWork.inv() * warp * srcToWork;
  cv::Matx33d refToSrc = srcToRef.inv();
  refToSrc *= 1.0 / refToSrc(2, 2);
  if (o.model == MotionModel::Similarity) refToSrc = toSimilarity(refToSrc);
  result.referenceToSource = refToSrc;
  return result;
}

ResidualCheck measureResidual(const cv::Mat& srcLuma, const cv::Mat& alignedRef, const Rect& area) {
  ResidualCheck check;
  const double lowSigma = std::max(3.0, srcLuma.cols / 80.0);
  // Grain and compression noise are suppressed a little (sigma 1) before measuring.
  cv::Mat a = bandPassed(srcLuma, lowSigma), b = bandPassed(alignedRef, lowSigma);
  cv::GaussianBlur(a, a, cv::Size(0, 0), 1.0);
  cv::GaussianBlur(b, b, cv::Size(0, 0), 1.0);
  const int cols = 4, rows = 3;
  const int tw = area.width() / cols, th = area.height() / rows;
  if (tw < 24 || th < 24) return check;
  std::vector<double> shifts2;
  int inliers = 0;
  for (int ty = 0; ty < rows; ++ty)
    for (int tx = 0; tx < cols; ++tx) {
      const cv::Rect r(area.x0 + tx * tw, area.y0 + ty * th, tw, th);
      cv::Scalar mean, sd;
      cv::meanStdDev(a(r), mean, sd);
      if (sd[0] < 0.004) continue;  // flat tile: nothing to measure
      // Translation-only ECC of the tile (the reference tile, with a few pixels of slack).
      const int pad = 6;
      const cv::Rect inner(r.x + pad, r.y + pad, r.width - 2 * pad, r.height - 2 * pad);
      cv::Mat w = (cv::Mat_<float>(2, 3) << 1, 0, pad, 0, 1, pad);
      double rho = -1;
      try {
        rho = cv::findTransformECC(a(inner), b(r), w, cv::MOTION_TRANSLATION,
                                   cv::TermCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 40, 1e-5),
                                   cv::noArray(), 1);
      } catch (const cv::Exception&) {
        continue;
      }
      if (rho < 0.3) continue;
      const double dx = w.at<float>(0, 2) - pad, dy = w.at<float>(1, 2) - pad;
      const double d2 = dx * dx + dy * dy;
      shifts2.push_back(d2);
      inliers += d2 < 0.25;
      ++check.texturedTiles;
    }
  if (check.texturedTiles > 0) {
    // The worst sixth of the tiles is left out of the RMS: one tile on a dust speck or a
    // one-sided caption should not condemn a good alignment (the inlier ratio still shows it).
    std::sort(shifts2.begin(), shifts2.end());
    const size_t keep = shifts2.size() - shifts2.size() / 6;
    double sum2 = 0;
    for (size_t i = 0; i < keep; ++i) sum2 += shifts2[i];
    check.residual = std::sqrt(sum2 / keep);
    check.inlierRatio = double(inliers) / check.texturedTiles;
  }
  return check;
}

}  // namespace filmrecover::align
