// Texture degradations: grain, blur, damage, compression.
#include <algorithm>
#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/opencv/image_mat.h"
#include "core/synth/degrade.h"

namespace filmrecover::synth {

Image degradeGrain(const Image& image, double sigma, uint32_t seed) {
  if (sigma <= 0) return image;
  cv::RNG rng(seed * 2246822519u + 3266489917u);
  cv::Mat shared(image.height, image.width, CV_32F), layer(image.height, image.width, CV_32FC3);
  rng.fill(shared, cv::RNG::NORMAL, 0.0, 1.0);
  rng.fill(layer, cv::RNG::NORMAL, 0.0, 1.0);
  // Grain clumps: a light blur gives the noise a film-like spectrum instead of white noise.
  cv::GaussianBlur(shared, shared, cv::Size(0, 0), 0.7);
  cv::GaussianBlur(layer, layer, cv::Size(0, 0), 0.7);
  const float gain = static_cast<float>(sigma) / 0.45f;  // blur at 0.7 px keeps ~0.45 of the std
  Image out = image;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const float s = shared.at<float>(y, x);
      const cv::Vec3f l = layer.at<cv::Vec3f>(y, x);
      for (int c = 0; c < 3; ++c) {
        const float v = image.at(x, y, c);
        const float tone = 0.45f + 2.2f * std::clamp(v * (1.0f - v), 0.0f, 0.25f);
        out.at(x, y, c) = std::clamp(v + gain * tone * (0.55f * s + 0.8f * l[c]), 0.0f, 1.0f);
      }
    }
  return out;
}

Image degradeBlur(const Image& image, double sigma) {
  if (sigma <= 0) return image;
  cv::Mat m = toRgbMat(image), out;
  cv::GaussianBlur(m, out, cv::Size(0, 0), sigma, sigma, cv::BORDER_REFLECT);
  Image result = fromMat(out);
  result.attributes = image.attributes;
  return result;
}

Image degradeDamage(const Image& image, const DamageOptions& o, uint32_t seed, int frameIndex) {
  cv::Mat m = toRgbMat(image);
  cv::RNG rng(seed * 3266489917u + static_cast<uint32_t>(frameIndex) * 668265263u + 7u);
  const int w = image.width, h = image.height;
  for (int i = 0; i < o.dust; ++i) {
    const cv::Point p(rng.uniform(0, w), rng.uniform(0, h));
    const int r = rng.uniform(1, std::max(2, h / 120 + 2));
    const double v = rng.uniform(0, 3) == 0 ? 0.95 : 0.03;  // mostly dark dirt, some bright
    cv::ellipse(m, p, cv::Size(r, std::max(1, r * rng.uniform(1, 3) / 2)), rng.uniform(0, 180), 0, 360,
                cv::Scalar(v, v, v), cv::FILLED, cv::LINE_AA);
  }
  // The scratch belongs to the reel: same place for a run of frames, slow drift.
  cv::RNG reel(seed * 19u + 3u);
  const double x0 = reel.uniform(0.15, 0.85) * w;
  if (rng.uniform(0.0, 1.0) < o.scratch) {
    const int x = static_cast<int>(x0 + 3.0 * std::sin(frameIndex * 0.3));
    cv::line(m, {x, 0}, {x + rng.uniform(-2, 3), h - 1}, cv::Scalar(0.85, 0.85, 0.85), 1, cv::LINE_AA);
  }
  for (int i = 0; i < o.blotches; ++i) {
    const cv::Point p(rng.uniform(0, w), rng.uniform(0, h));
    cv::Mat overlay = m.clone();
    cv::circle(overlay, p, rng.uniform(h / 30 + 1, h / 12 + 2), cv::Scalar(0.55, 0.45, 0.35), cv::FILLED,
               cv::LINE_AA);
    cv::addWeighted(m, 0.75, overlay, 0.25, 0.0, m);
  }
  Image out = fromMat(m);
  out.attributes = image.attributes;
  return out;
}

Image degradeCompress(const Image& image, int quality) {
  cv::Mat rgb = toRgbMat(image), bgr, bytes8;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  bgr.convertTo(bytes8, CV_8U, 255.0);
  std::vector<unsigned char> buf;
  cv::imencode(".jpg", bytes8, buf, {cv::IMWRITE_JPEG_QUALITY, quality});
  cv::Mat decoded = cv::imdecode(buf, cv::IMREAD_COLOR), f, back;
  decoded.convertTo(f, CV_32F, 1.0 / 255.0);
  cv::cvtColor(f, back, cv::COLOR_BGR2RGB);
  Image out = fromMat(back);
  out.attributes = image.attributes;
  return out;
}

}  // namespace filmrecover::synth
