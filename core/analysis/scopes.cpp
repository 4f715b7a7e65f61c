#include "core/analysis/scopes.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/color/ycbcr.h"

namespace filmrecover {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Even decimation: one pixel in step x step, so a 4K frame costs what a ~512 one does.
int decimationStep(const Image& image, size_t maxSamples) {
  if (maxSamples == 0 || image.pixelCount() <= maxSamples) return 1;
  return static_cast<int>(
      std::ceil(std::sqrt(static_cast<double>(image.pixelCount()) / maxSamples)));
}

void requireRgb(const Image& image, const char* what) {
  if (image.channels < 3 || image.empty())
    throw std::invalid_argument(std::string(what) + " needs an RGB image with pixels.");
}

// Brightness of a trace bin: log density so sparse detail stays visible next to flat areas.
float traceBrightness(uint32_t count, uint32_t maxCount, float gain) {
  if (count == 0 || maxCount == 0) return 0.0f;
  const float t = std::log1p(static_cast<float>(count)) / std::log1p(static_cast<float>(maxCount));
  return std::min(1.0f, gain * (0.3f + 0.7f * t));
}

void blendMax(Image& img, int x, int y, float r, float g, float b) {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  img.at(x, y, 0) = std::max(img.at(x, y, 0), r);
  img.at(x, y, 1) = std::max(img.at(x, y, 1), g);
  img.at(x, y, 2) = std::max(img.at(x, y, 2), b);
}

void drawLine(Image& img, float x0, float y0, float x1, float y1, float r, float g, float b) {
  const int steps = static_cast<int>(std::ceil(std::max(std::fabs(x1 - x0), std::fabs(y1 - y0)))) + 1;
  for (int i = 0; i <= steps; ++i) {
    const float t = static_cast<float>(i) / steps;
    blendMax(img, static_cast<int>(std::lround(x0 + (x1 - x0) * t)),
             static_cast<int>(std::lround(y0 + (y1 - y0) * t)), r, g, b);
  }
}

void drawBox(Image& img, ScopePoint c, float half, float r, float g, float b) {
  drawLine(img, c.x - half, c.y - half, c.x + half, c.y - half, r, g, b);
  drawLine(img, c.x - half, c.y + half, c.x + half, c.y + half, r, g, b);
  drawLine(img, c.x - half, c.y - half, c.x - half, c.y + half, r, g, b);
  drawLine(img, c.x + half, c.y - half, c.x + half, c.y + half, r, g, b);
}

}  // namespace

YCbCr rec709YCbCr(float r, float g, float b) {
  YCbCr out;
  rgbToYCbCr(r, g, b, out.y, out.cb, out.cr);
  return out;
}

int Waveform::levelOf(float value) const {
  const float range = options.maxValue - options.minValue;
  const float t = range > 0 ? (value - options.minValue) / range : 0.0f;
  const int level = static_cast<int>(std::lround((1.0f - t) * (options.levels - 1)));
  return std::clamp(level, 0, options.levels - 1);
}

Waveform computeWaveform(const Image& image, const WaveformOptions& options) {
  requireRgb(image, "A waveform");
  if (options.columns <= 0 || options.levels <= 1)
    throw std::invalid_argument("A waveform needs at least one column and two levels.");
  Waveform wf;
  wf.options = options;
  wf.channels = options.mode == WaveformMode::Luma ? 1 : 3;
  wf.bins.assign(static_cast<size_t>(wf.channels) * options.levels * options.columns, 0);
  const int step = decimationStep(image, options.maxSamples);
  const float range = options.maxValue - options.minValue;
  auto bin = [&](int channel, float v, int column) {
    if (v > options.maxValue) ++wf.clippedHigh;
    if (v < options.minValue) ++wf.clippedLow;
    const float t = range > 0 ? (v - options.minValue) / range : 0.0f;
    const int level = std::clamp(static_cast<int>(std::lround((1.0f - t) * (options.levels - 1))),
                                 0, options.levels - 1);
    ++wf.bins[(static_cast<size_t>(channel) * options.levels + level) * options.columns + column];
  };
  for (int y = 0; y < image.height; y += step) {
    for (int x = 0; x < image.width; x += step) {
      const int column = static_cast<int>(static_cast<long long>(x) * options.columns / image.width);
      const float* p = &image.pixels[image.index(x, y)];
      if (wf.channels == 1) {
        bin(0, luma709(p[0], p[1], p[2]), column);
      } else {
        for (int c = 0; c < 3; ++c) bin(c, p[c], column);
      }
      ++wf.samples;
    }
  }
  return wf;
}

ScopePoint vectorscopePosition(float cb, float cr, const VectorscopeOptions& options) {
  const float half = 0.5f * options.size;
  const float scale = half / options.extent;
  return {half + cb * scale - 0.5f, half - cr * scale - 0.5f};
}

Vectorscope computeVectorscope(const Image& image, const VectorscopeOptions& options) {
  requireRgb(image, "A vectorscope");
  if (options.size <= 1 || options.extent <= 0)
    throw std::invalid_argument("A vectorscope needs a size above 1 and a positive extent.");
  Vectorscope vs;
  vs.options = options;
  vs.bins.assign(static_cast<size_t>(options.size) * options.size, 0);
  const int step = decimationStep(image, options.maxSamples);
  for (int y = 0; y < image.height; y += step) {
    for (int x = 0; x < image.width; x += step) {
      const float* p = &image.pixels[image.index(x, y)];
      const YCbCr c = rec709YCbCr(p[0], p[1], p[2]);
      const ScopePoint pt = vectorscopePosition(c.cb, c.cr, options);
      const int bx = std::clamp(static_cast<int>(std::lround(pt.x)), 0, options.size - 1);
      const int by = std::clamp(static_cast<int>(std::lround(pt.y)), 0, options.size - 1);
      ++vs.bins[static_cast<size_t>(by) * options.size + bx];
      ++vs.samples;
    }
  }
  return vs;
}

std::vector<VectorscopeTarget> vectorscopeTargets() {
  struct Colour {
    const char* name;
    float r, g, b;
  };
  static const Colour colours[] = {{"R", 1, 0, 0}, {"Mg", 1, 0, 1}, {"B", 0, 0, 1},
                                   {"Cy", 0, 1, 1}, {"G", 0, 1, 0}, {"Yl", 1, 1, 0}};
  std::vector<VectorscopeTarget> targets;
  for (float level : {0.75f, 1.0f}) {
    for (const Colour& c : colours) {
      VectorscopeTarget t;
      t.name = c.name;
      t.level = level;
      t.r = c.r * level;
      t.g = c.g * level;
      t.b = c.b * level;
      const YCbCr ycc = rec709YCbCr(t.r, t.g, t.b);
      t.cb = ycc.cb;
      t.cr = ycc.cr;
      targets.push_back(t);
    }
  }
  return targets;
}

Image renderWaveform(const Waveform& wf, const ScopeRenderOptions& options) {
  const int cols = wf.options.columns;
  const int levels = wf.options.levels;
  Image img(cols * wf.channels, levels, 3, 0.0f);
  if (options.graticule) {
    const float range = wf.options.maxValue - wf.options.minValue;
    for (int tick = -10; tick <= 20; ++tick) {
      const float v = tick * 0.1f;
      if (v < wf.options.minValue - 1e-4f || v > wf.options.maxValue + 1e-4f || range <= 0)
        continue;
      const int level = wf.levelOf(v);
      const float g = (tick == 0 || tick == 10) ? 0.38f : (tick % 5 == 0 ? 0.26f : 0.17f);
      drawLine(img, 0, static_cast<float>(level), static_cast<float>(img.width - 1),
               static_cast<float>(level), g, g, g);
    }
    for (int c = 1; c < wf.channels; ++c)
      drawLine(img, static_cast<float>(c * cols), 0, static_cast<float>(c * cols),
               static_cast<float>(levels - 1), 0.3f, 0.3f, 0.3f);
  }
  const uint32_t maxCount =
      wf.bins.empty() ? 0 : *std::max_element(wf.bins.begin(), wf.bins.end());
  static const float tint[4][3] = {
      {0.75f, 1.0f, 0.8f}, {1.0f, 0.3f, 0.25f}, {0.35f, 1.0f, 0.4f}, {0.4f, 0.6f, 1.0f}};
  for (int c = 0; c < wf.channels; ++c) {
    const float* t = wf.channels == 1 ? tint[0] : tint[c + 1];
    for (int level = 0; level < levels; ++level) {
      for (int col = 0; col < cols; ++col) {
        const float b = traceBrightness(wf.at(c, level, col), maxCount, options.intensity);
        if (b > 0) blendMax(img, c * cols + col, level, t[0] * b, t[1] * b, t[2] * b);
      }
    }
  }
  return img;
}

Image renderVectorscope(const Vectorscope& vs, const ScopeRenderOptions& options) {
  const int size = vs.options.size;
  Image img(size, size, 3, 0.0f);
  if (options.graticule) {
    const ScopePoint centre = vectorscopePosition(0, 0, vs.options);
    const float radius = 0.5f * 0.5f * size / vs.options.extent;  // |CbCr| = 0.5
    const int segments = std::max(64, size * 2);
    for (int i = 0; i < segments; ++i) {
      const double a0 = 2 * kPi * i / segments, a1 = 2 * kPi * (i + 1) / segments;
      drawLine(img, centre.x + radius * std::cos(a0), centre.y - radius * std::sin(a0),
               centre.x + radius * std::cos(a1), centre.y - radius * std::sin(a1), 0.3f, 0.3f,
               0.3f);
    }
    drawLine(img, centre.x - radius, centre.y, centre.x + radius, centre.y, 0.18f, 0.18f, 0.18f);
    drawLine(img, centre.x, centre.y - radius, centre.x, centre.y + radius, 0.18f, 0.18f, 0.18f);
    const double skin = kSkinToneLineDegrees * kPi / 180.0;
    drawLine(img, centre.x, centre.y, centre.x + radius * std::cos(skin),
             centre.y - radius * std::sin(skin), 0.75f, 0.55f, 0.4f);
    const float half = std::max(2.0f, size / 64.0f);
    for (const VectorscopeTarget& t : vectorscopeTargets()) {
      const ScopePoint p = vectorscopePosition(t.cb, t.cr, vs.options);
      const float k = t.level < 0.9f ? 0.45f : 0.8f;
      drawBox(img, p, t.level < 0.9f ? half : half * 0.7f, k * (0.4f + 0.6f * t.r / t.level),
              k * (0.4f + 0.6f * t.g / t.level), k * (0.4f + 0.6f * t.b / t.level));
    }
  }
  const uint32_t maxCount =
      vs.bins.empty() ? 0 : *std::max_element(vs.bins.begin(), vs.bins.end());
  const float scale = vs.options.extent / (0.5f * size);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const float b = traceBrightness(vs.at(x, y), maxCount, options.intensity);
      if (b <= 0) continue;
      // Trace in the hue it stands for, at a fixed light luma, so the plot reads at a glance.
      const float cb = (x + 0.5f - 0.5f * size) * scale;
      const float cr = (0.5f * size - y - 0.5f) * scale;
      const float yy = 0.6f;
      float r, g, bl;
      yCbCrToRgb(yy, cb, cr, r, g, bl);
      r = 0.5f + 0.5f * std::clamp(r, 0.0f, 1.0f);
      g = 0.5f + 0.5f * std::clamp(g, 0.0f, 1.0f);
      bl = 0.5f + 0.5f * std::clamp(bl, 0.0f, 1.0f);
      blendMax(img, x, y, r * b, g * b, bl * b);
    }
  }
  return img;
}

}  // namespace filmrecover
