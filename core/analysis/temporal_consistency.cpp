#include "core/analysis/temporal_consistency.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include "core/color/ycbcr.h"
#include "core/exec/errors.h"
#include "core/opencv/image_mat.h"

namespace filmrecover::analysis {
namespace {

cv::Mat luma8(const Image& image) {
  cv::Mat y8;
  lumaMat(image).convertTo(y8, CV_8U, 255.0);
  return y8;
}

void requireSameSize(const Image& a, const Image& b) {
  if (a.width != b.width || a.height != b.height || a.channels < 3 || b.channels < 3)
    throw InputError("motion between frames of different sizes (" + std::to_string(a.width) + "x" +
                     std::to_string(a.height) + " and " + std::to_string(b.width) + "x" +
                     std::to_string(b.height) + ") cannot be measured.");
}

}  // namespace

namespace {

// For every pixel of the frame `toward` maps from, where it lands under `toward`, checked
// against the flow the other way (`back`, defined on the frame it lands in).
MotionEstimate motionFrom(const cv::Mat& toward, const cv::Mat& back) {
  MotionEstimate m;
  m.width = toward.cols;
  m.height = toward.rows;
  const size_t n = static_cast<size_t>(toward.cols) * toward.rows;
  m.flow.resize(n * 2);
  m.valid.assign(n, 0);
  cv::Mat mapX(toward.size(), CV_32FC1), mapY(toward.size(), CV_32FC1);
  for (int y = 0; y < toward.rows; ++y)
    for (int x = 0; x < toward.cols; ++x) {
      const cv::Vec2f t = toward.at<cv::Vec2f>(y, x);
      mapX.at<float>(y, x) = x + t[0];
      mapY.at<float>(y, x) = y + t[1];
    }
  cv::Mat backAtTarget;
  cv::remap(back, backAtTarget, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  size_t occluded = 0;
  for (int y = 0; y < toward.rows; ++y)
    for (int x = 0; x < toward.cols; ++x) {
      const cv::Vec2f b = toward.at<cv::Vec2f>(y, x);
      const cv::Vec2f f = backAtTarget.at<cv::Vec2f>(y, x);
      const size_t i = static_cast<size_t>(y) * toward.cols + x;
      m.flow[i * 2] = b[0];
      m.flow[i * 2 + 1] = b[1];
      const float sx = mapX.at<float>(y, x), sy = mapY.at<float>(y, x);
      const bool inside = sx >= 0 && sy >= 0 && sx <= toward.cols - 1 && sy <= toward.rows - 1;
      const float sum2 = (f[0] + b[0]) * (f[0] + b[0]) + (f[1] + b[1]) * (f[1] + b[1]);
      const float mag2 = f.dot(f) + b.dot(b);
      const bool consistent = sum2 <= 0.01f * mag2 + 0.5f;
      m.valid[i] = inside && consistent ? 1 : 0;
      occluded += m.valid[i] ? 0 : 1;
    }
  m.occludedFraction = n ? static_cast<double>(occluded) / static_cast<double>(n) : 0.0;
  return m;
}

// DIS flow with first(x) ~ second(x + flow(x)), estimated on copies scaled by `scale`
// (< 1: smaller) and returned at full size in full-size pixels.
cv::Mat disFlow(cv::DISOpticalFlow& dis, const cv::Mat& first, const cv::Mat& second, double scale) {
  cv::Mat flow;
  if (scale >= 1.0) {
    dis.calc(first, second, flow);
    return flow;
  }
  cv::Mat a, b, small;
  cv::resize(first, a, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::resize(second, b, cv::Size(), scale, scale, cv::INTER_AREA);
  dis.calc(a, b, small);
  cv::resize(small, flow, first.size(), 0, 0, cv::INTER_LINEAR);
  flow *= 1.0 / scale;
  return flow;
}

}  // namespace

MotionEstimate estimateMotion(const Image& previous, const Image& current) {
  return estimateMotionBothWays(previous, current).bIntoA;
}

MotionPair estimateMotionBothWays(const Image& a, const Image& b, int maxSide) {
  requireSameSize(a, b);
  const cv::Mat ya = luma8(a), yb = luma8(b);
  const int side = std::max(a.width, a.height);
  const double scale = maxSide > 0 && side > maxSide ? static_cast<double>(maxSide) / side : 1.0;
  auto dis = cv::DISOpticalFlow::create(cv::DISOpticalFlow::PRESET_MEDIUM);
  // bToA: b(x) ~ a(x + bToA(x)); aToB: a(y) ~ b(y + aToB(y)).
  const cv::Mat bToA = disFlow(*dis, yb, ya, scale);
  const cv::Mat aToB = disFlow(*dis, ya, yb, scale);
  return {motionFrom(bToA, aToB), motionFrom(aToB, bToA)};
}

Image warpImage(const Image& image, const MotionEstimate& motion) {
  if (motion.width != image.width || motion.height != image.height)
    throw InputError("the motion estimate does not match the frame size.");
  cv::Mat mapX(image.height, image.width, CV_32FC1), mapY(image.height, image.width, CV_32FC1);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const size_t i = static_cast<size_t>(y) * image.width + x;
      mapX.at<float>(y, x) = x + motion.flow[i * 2];
      mapY.at<float>(y, x) = y + motion.flow[i * 2 + 1];
    }
  Image out(image.width, image.height, image.channels);
  cv::Mat dst(image.height, image.width, CV_32FC(image.channels), out.pixels.data());
  cv::remap(matView(image), dst, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return out;
}

double warpingError(const Image& previous, const Image& current, const MotionEstimate& motion) {
  return warpingErrors(previous, current, motion).rgb;
}

WarpingErrors warpingErrors(const Image& previous, const Image& current, const MotionEstimate& motion) {
  requireSameSize(previous, current);
  if (motion.width != current.width || motion.height != current.height)
    throw InputError("the motion estimate does not match the frame size.");
  const Image warped = warpImage(previous, motion);
  double sum = 0.0, chroma = 0.0;
  size_t count = 0;
  const int ch = previous.channels;
  for (int y = 0; y < current.height; ++y)
    for (int x = 0; x < current.width; ++x) {
      const size_t i = static_cast<size_t>(y) * current.width + x;
      if (!motion.valid[i]) continue;
      const float* c = &current.pixels[current.index(x, y)];
      const float* w = &warped.pixels[i * ch];
      for (int k = 0; k < 3; ++k) {
        const double d = static_cast<double>(c[k]) - w[k];
        sum += d * d;
      }
      float yc, cbc, crc, yw, cbw, crw;
      rgbToYCbCr(c[0], c[1], c[2], yc, cbc, crc);
      rgbToYCbCr(w[0], w[1], w[2], yw, cbw, crw);
      chroma += 0.5 * (static_cast<double>(cbc - cbw) * (cbc - cbw) + static_cast<double>(crc - crw) * (crc - crw));
      ++count;
    }
  WarpingErrors e;
  if (count) e.rgb = sum / (3.0 * count), e.chroma = chroma / count;
  return e;
}

}  // namespace filmrecover::analysis
