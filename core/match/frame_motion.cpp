#include "core/match/frame_motion.h"

#include <cmath>

#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

namespace filmrecover::match {

namespace {

constexpr int kMargin = 12;  // thumbnail pixels left out at the borders (filter edges, motion)

// Texture without the slow tone changes, as the fine similarity uses.
cv::Mat prepared(const FrameDescriptor& d) {
  cv::Mat t, low;
  // A 3x3 median first: dust specks and a print's thin vertical scratch are a pixel or
  // two wide in the thumbnail and stay put, or drift on their own, while the picture
  // moves; left in, they pull the registration of a damaged print towards no motion
  // (seen as repeated frames that are not there, even steps backwards).
  cv::medianBlur(fineThumbnail(d), t, 3);
  // Then a light blur: a DVD's 8x8 DCT blocks are a 4-pixel grid in the thumbnail that
  // does not move with the picture; its edges pinned the registration towards no motion,
  // so a slow pan's lost frame measured 1.7 steps and its two-frame spans 2.3-2.4, not 3.
  cv::GaussianBlur(t.clone(), t, cv::Size(0, 0), 1.0);
  cv::GaussianBlur(t, low, cv::Size(0, 0), 4.0);
  return t - low;
}

const cv::Mat& hanning() {
  static const cv::Mat w = [] {
    cv::Mat m;
    cv::createHanningWindow(m, cv::Size(kFineSide, kFineSide), CV_32F);
    return m;
  }();
  return w;
}

const cv::Mat& interior() {
  static const cv::Mat m = [] {
    cv::Mat k = cv::Mat::zeros(kFineSide, kFineSide, CV_8U);
    k(cv::Rect(kMargin, kMargin, kFineSide - 2 * kMargin, kFineSide - 2 * kMargin)) = 255;
    return k;
  }();
  return m;
}

}  // namespace

float FrameMotion::norm() const { return std::sqrt(dot(*this) / kMotionPoints); }

float FrameMotion::dot(const FrameMotion& o) const {
  float s = 0;
  for (size_t k = 0; k < d.size(); ++k) s += d[k] * o.d[k];
  return s;
}

FrameMotion measureMotion(const FrameDescriptor& a, const FrameDescriptor& b) {
  FrameMotion out;
  const cv::Mat pa = prepared(a), pb = prepared(b);
  double response = 0;
  const cv::Point2d shift = cv::phaseCorrelate(pa, pb, hanning(), &response);
  if (!(response > 0.05) || std::hypot(shift.x, shift.y) > kFineSide / 8.0) return out;
  // ECC maps template (a) coordinates to input (b) coordinates: b(W x) ~ a(x).
  cv::Mat warp = (cv::Mat_<float>(2, 3) << 1, 0, float(shift.x), 0, 1, float(shift.y));
  double rho = -1;
  try {
    rho = cv::findTransformECC(pa, pb, warp, cv::MOTION_AFFINE,
                               cv::TermCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 30, 1e-4),
                               interior(), 1);
  } catch (const cv::Exception&) {
    rho = -1;
  }
  const double scale = std::sqrt(std::fabs(cv::determinant(warp(cv::Rect(0, 0, 2, 2)))));
  const bool sane = rho > 0.2 && scale > 0.8 && scale < 1.25 &&
                    std::hypot(warp.at<float>(0, 2) - shift.x, warp.at<float>(1, 2) - shift.y) < 3.0;
  out.precise = sane;
  if (!sane) {
    // The whole-pixel shift is still a motion, only a coarse one.
    warp = (cv::Mat_<float>(2, 3) << 1, 0, float(shift.x), 0, 1, float(shift.y));
  }
  int k = 0;
  for (int gy = 0; gy < 3; ++gy)
    for (int gx = 0; gx < 3; ++gx) {
      const float x = kMargin + (kFineSide - 2 * kMargin) * 0.5f * gx;
      const float y = kMargin + (kFineSide - 2 * kMargin) * 0.5f * gy;
      out.d[k++] = warp.at<float>(0, 0) * x + warp.at<float>(0, 1) * y + warp.at<float>(0, 2) - x;
      out.d[k++] = warp.at<float>(1, 0) * x + warp.at<float>(1, 1) * y + warp.at<float>(1, 2) - y;
    }
  out.valid = true;
  return out;
}

}  // namespace filmrecover::match
