#include "core/match/thumbnail_similarity.h"

#include <cmath>

#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include "core/match/luma.h"

namespace filmrecover::match {

namespace {

constexpr int kMargin = 8;  // thumbnail pixels left out on each side (filter and warp borders)

// Texture and edges without the slow tone changes (a fade stronger at the frame edges
// would otherwise pull the registration towards it).
cv::Mat bandPass(const cv::Mat& thumb) {
  cv::Mat low, band;
  cv::GaussianBlur(thumb, low, cv::Size(0, 0), 4.0);
  cv::GaussianBlur(thumb, band, cv::Size(0, 0), 0.6);
  return band - low;
}

cv::Mat interiorMask() {
  cv::Mat mask = cv::Mat::zeros(kFineSide, kFineSide, CV_8U);
  mask(cv::Rect(kMargin, kMargin, kFineSide - 2 * kMargin, kFineSide - 2 * kMargin)) = 255;
  return mask;
}

}  // namespace

cv::Mat registerThumbnails(const FrameDescriptor& source, const FrameDescriptor& reference,
                           double* correlation, const cv::Mat& initial) {
  const cv::Mat srcThumb = fineThumbnail(source);
  const cv::Mat src = bandPass(srcThumb);
  const cv::Mat ref = bandPass(matchHistogram(fineThumbnail(reference), srcThumb));
  const cv::Mat start = initial.empty() ? cv::Mat::eye(2, 3, CV_32F) : initial;
  // The template is the source's interior, so the warp is shifted by the crop and back.
  const cv::Rect inner(kMargin, kMargin, kFineSide - 2 * kMargin, kFineSide - 2 * kMargin);
  const cv::Mat corner = (cv::Mat_<float>(2, 1) << kMargin, kMargin);
  cv::Mat warp = start.clone();
  cv::Mat t0 = start.col(2) + start(cv::Rect(0, 0, 2, 2)) * corner;
  t0.copyTo(warp.col(2));
  double rho = -1;
  try {
    rho = cv::findTransformECC(src(inner), ref, warp, cv::MOTION_AFFINE,
                               cv::TermCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 100, 1e-6),
                               interiorMask(), 5);
  } catch (const cv::Exception&) {
    rho = -1;
  }
  const cv::Mat a = warp(cv::Rect(0, 0, 2, 2));
  cv::Mat t = warp.col(2) - a * corner;
  t.copyTo(warp.col(2));
  // A warp that moves the picture by more than a quarter of the thumbnail is not a
  // reframing but a failure (from a given start: more than an eighth away from it).
  const bool near = initial.empty() ? std::hypot(warp.at<float>(0, 2), warp.at<float>(1, 2)) < kFineSide / 3.0
                                     : warpDistance(warp, start) < kFineSide / 8.0;
  const double scale = std::sqrt(std::fabs(cv::determinant(warp(cv::Rect(0, 0, 2, 2)))));
  if (rho < 0 || !near || !(scale > 0.6 && scale < 1.7)) {
    warp = start.clone();
    rho = -1;
  }
  if (correlation) *correlation = rho;
  return warp;
}

double warpDistance(const cv::Mat& a, const cv::Mat& b) {
  double se = 0;
  int n = 0;
  for (int y = 16; y <= kFineSide - 16; y += 16)
    for (int x = 16; x <= kFineSide - 16; x += 16) {
      double d2 = 0;
      for (int r = 0; r < 2; ++r) {
        const double pa = a.at<float>(r, 0) * x + a.at<float>(r, 1) * y + a.at<float>(r, 2);
        const double pb = b.at<float>(r, 0) * x + b.at<float>(r, 1) * y + b.at<float>(r, 2);
        d2 += (pa - pb) * (pa - pb);
      }
      se += d2, ++n;
    }
  return std::sqrt(se / n);
}

cv::Mat overlapMask(const cv::Mat& warp) {
  cv::Mat mask = interiorMask();
  if (warp.empty()) return mask;
  // Reference interior pulled back into source-thumbnail coordinates.
  cv::Mat pulled;
  cv::warpAffine(interiorMask(), pulled, warp, mask.size(), cv::INTER_NEAREST | cv::WARP_INVERSE_MAP,
                 cv::BORDER_CONSTANT, 0);
  return mask & pulled;
}

std::vector<float> fineVector(const FrameDescriptor& d, const cv::Mat& mask, const cv::Mat& warp) {
  cv::Mat band = bandPass(fineThumbnail(d));
  if (!warp.empty()) {
    cv::Mat warped;
    cv::warpAffine(band, warped, warp, band.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                   cv::BORDER_REPLICATE);
    band = warped;
  }
  std::vector<float> v;
  v.reserve(static_cast<size_t>(cv::countNonZero(mask)));
  double sum = 0;
  for (int y = 0; y < band.rows; ++y) {
    const uchar* m = mask.ptr<uchar>(y);
    const float* b = band.ptr<float>(y);
    for (int x = 0; x < band.cols; ++x)
      if (m[x]) v.push_back(b[x]), sum += b[x];
  }
  if (v.empty()) return v;
  const float mean = float(sum / v.size());
  double norm = 0;
  for (float& x : v) x -= mean, norm += double(x) * x;
  const float inv = norm > 1e-12 ? float(1.0 / std::sqrt(norm)) : 0.0f;
  for (float& x : v) x *= inv;
  return v;
}

std::vector<float> fineVector(const FrameDescriptor& d) {
  static const cv::Mat mask = interiorMask();
  return fineVector(d, mask);
}

float fineSimilarity(const std::vector<float>& a, const std::vector<float>& b) {
  float s = 0;
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) s += a[i] * b[i];
  return s;
}

}  // namespace filmrecover::match
