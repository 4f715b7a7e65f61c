#include "core/curate/pair_features.h"

#include <algorithm>
#include <cmath>

#include "core/color/ycbcr.h"

namespace filmrecover::curate {
namespace {

// Decimation step so that measurements cost about the same on SD and 4K frames.
int stepFor(const Rect& r) { return std::max(1, std::max(r.width(), r.height()) / 160); }

Rect clampCrop(const Image& img, const Rect& crop) {
  if (crop.empty()) return {0, 0, img.width, img.height};
  return {std::clamp(crop.x0, 0, img.width), std::clamp(crop.y0, 0, img.height),
          std::clamp(crop.x1, 0, img.width), std::clamp(crop.y1, 0, img.height)};
}

}  // namespace

std::vector<float> pairFeatures(const Image& source, const Image& aligned, const Rect& cropIn) {
  std::vector<float> f(kPairFeatureCount, 0.0f);
  const Image& colour = aligned.empty() ? source : aligned;
  const Rect crop = clampCrop(colour, cropIn);
  const int step = stepFor(crop);
  std::vector<float> ys;
  double sumCb = 0, sumCr = 0, sumCb2 = 0, sumCr2 = 0, skin = 0, saturated = 0;
  std::vector<double> hue(8, 0.0);
  for (int y = crop.y0; y < crop.y1; y += step)
    for (int x = crop.x0; x < crop.x1; x += step) {
      float Y, cb, cr;
      rgbToYCbCr(colour.at(x, y, 0), colour.at(x, y, 1), colour.at(x, y, 2), Y, cb, cr);
      ys.push_back(Y);
      sumCb += cb;
      sumCr += cr;
      sumCb2 += cb * cb;
      sumCr2 += cr * cr;
      const double chroma = std::hypot(cb, cr);
      const double angle = std::atan2(cr, cb);  // -pi..pi
      const int bin = std::clamp(static_cast<int>((angle + M_PI) / (2 * M_PI) * 8), 0, 7);
      hue[bin] += chroma;
      // Skin tones sit on the vectorscope's skin line (~123 degrees from +Cb) at moderate chroma.
      const double deg = angle * 180 / M_PI;
      if (chroma > 0.03 && chroma < 0.25 && deg > 100 && deg < 150) skin += 1;
      if (chroma > 0.15) saturated += 1;
    }
  const double n = std::max<size_t>(1, ys.size());
  std::vector<float> sorted = ys;
  std::sort(sorted.begin(), sorted.end());
  double mean = 0, var = 0;
  for (float v : ys) mean += v;
  mean /= n;
  for (float v : ys) var += (v - mean) * (v - mean);
  f[0] = static_cast<float>(mean);
  f[1] = static_cast<float>(std::sqrt(var / n));
  f[2] = sorted.empty() ? 0.0f : sorted[sorted.size() / 10];
  f[3] = sorted.empty() ? 0.0f : sorted[sorted.size() * 9 / 10];
  f[4] = static_cast<float>(sumCb / n);
  f[5] = static_cast<float>(sumCr / n);
  f[6] = static_cast<float>(std::sqrt(std::max(0.0, sumCb2 / n - f[4] * f[4])));
  f[7] = static_cast<float>(std::sqrt(std::max(0.0, sumCr2 / n - f[5] * f[5])));
  for (int b = 0; b < 8; ++b) f[8 + b] = static_cast<float>(hue[b] / n);
  f[16] = static_cast<float>(skin / n);
  f[17] = static_cast<float>(saturated / n);
  // Texture of the source: gradients and what a small blur removes.
  const Rect sc = clampCrop(source, cropIn);
  double grad = 0, high = 0, edges = 0, count = 0;
  for (int y = sc.y0 + 1; y + 1 < sc.y1; y += step)
    for (int x = sc.x0 + 1; x + 1 < sc.x1; x += step) {
      auto L = [&](int xx, int yy) { return luma709(source.at(xx, yy, 0), source.at(xx, yy, 1), source.at(xx, yy, 2)); };
      const float c = L(x, y);
      const float gx = L(x + 1, y) - L(x - 1, y), gy = L(x, y + 1) - L(x, y - 1);
      const float g = std::hypot(gx, gy);
      const float lap = 4 * c - L(x + 1, y) - L(x - 1, y) - L(x, y + 1) - L(x, y - 1);
      grad += g;
      high += lap * lap;
      edges += g > 0.1f;
      count += 1;
    }
  count = std::max(1.0, count);
  f[18] = static_cast<float>(grad / count);
  f[19] = static_cast<float>(std::sqrt(high / count));
  f[20] = static_cast<float>(edges / count);
  f[21] = f[1] > 0 ? f[18] / f[1] : 0.0f;  // texture relative to contrast
  return f;
}

}  // namespace filmrecover::curate
