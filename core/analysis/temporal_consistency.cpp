#include "core/analysis/temporal_consistency.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include "core/analysis/opencv_image.h"
#include "core/exec/errors.h"

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

MotionEstimate estimateMotion(const Image& previous, const Image& current) {
  requireSameSize(previous, current);
  const cv::Mat prev = luma8(previous), cur = luma8(current);
  auto dis = cv::DISOpticalFlow::create(cv::DISOpticalFlow::PRESET_MEDIUM);
  cv::Mat backward, forward;  // backward: cur(x) ~ prev(x + b(x)); forward: prev(y) ~ cur(y + f(y))
  dis->calc(cur, prev, backward);
  dis->calc(prev, cur, forward);

  MotionEstimate m;
  m.width = current.width;
  m.height = current.height;
  m.flow.resize(current.pixelCount() * 2);
  m.valid.assign(current.pixelCount(), 0);
  // Forward flow sampled where each current pixel came from.
  cv::Mat mapX(cur.size(), CV_32FC1), mapY(cur.size(), CV_32FC1);
  for (int y = 0; y < cur.rows; ++y)
    for (int x = 0; x < cur.cols; ++x) {
      const cv::Vec2f b = backward.at<cv::Vec2f>(y, x);
      mapX.at<float>(y, x) = x + b[0];
      mapY.at<float>(y, x) = y + b[1];
    }
  cv::Mat forwardAtSource;
  cv::remap(forward, forwardAtSource, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  size_t occluded = 0;
  for (int y = 0; y < cur.rows; ++y)
    for (int x = 0; x < cur.cols; ++x) {
      const cv::Vec2f b = backward.at<cv::Vec2f>(y, x);
      const cv::Vec2f f = forwardAtSource.at<cv::Vec2f>(y, x);
      const size_t i = static_cast<size_t>(y) * cur.cols + x;
      m.flow[i * 2] = b[0];
      m.flow[i * 2 + 1] = b[1];
      const float sx = mapX.at<float>(y, x), sy = mapY.at<float>(y, x);
      const bool inside = sx >= 0 && sy >= 0 && sx <= cur.cols - 1 && sy <= cur.rows - 1;
      const float sum2 = (f[0] + b[0]) * (f[0] + b[0]) + (f[1] + b[1]) * (f[1] + b[1]);
      const float mag2 = f.dot(f) + b.dot(b);
      const bool consistent = sum2 <= 0.01f * mag2 + 0.5f;
      m.valid[i] = inside && consistent ? 1 : 0;
      occluded += m.valid[i] ? 0 : 1;
    }
  m.occludedFraction = static_cast<double>(occluded) / static_cast<double>(current.pixelCount());
  return m;
}

double warpingError(const Image& previous, const Image& current, const MotionEstimate& motion) {
  requireSameSize(previous, current);
  if (motion.width != current.width || motion.height != current.height)
    throw InputError("the motion estimate does not match the frame size.");
  cv::Mat mapX(current.height, current.width, CV_32FC1), mapY(current.height, current.width, CV_32FC1);
  for (int y = 0; y < current.height; ++y)
    for (int x = 0; x < current.width; ++x) {
      const size_t i = static_cast<size_t>(y) * current.width + x;
      mapX.at<float>(y, x) = x + motion.flow[i * 2];
      mapY.at<float>(y, x) = y + motion.flow[i * 2 + 1];
    }
  cv::Mat warped;
  cv::remap(matView(previous), warped, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  double sum = 0.0;
  size_t count = 0;
  const int ch = previous.channels;
  for (int y = 0; y < current.height; ++y) {
    const float* w = warped.ptr<float>(y);
    for (int x = 0; x < current.width; ++x) {
      const size_t i = static_cast<size_t>(y) * current.width + x;
      if (!motion.valid[i]) continue;
      const float* c = &current.pixels[current.index(x, y)];
      for (int k = 0; k < 3; ++k) {
        const double d = static_cast<double>(c[k]) - w[x * ch + k];
        sum += d * d;
      }
      ++count;
    }
  }
  return count ? sum / (3.0 * count) : 0.0;
}

}  // namespace filmrecover::analysis
