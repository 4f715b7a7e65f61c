#pragma once
// Training pairs whose target is a known function of the input, so learning can be judged.
#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "core/color/ycbcr.h"
#include "core/dataset/training_pair.h"
#include "tests/support/test_support.h"

namespace filmrecover::test {

//! The "reference" of a chroma pair: the source with its chroma rotated by 40° and
//! saturated by 1.4 (a known colour transform; luma unchanged).
inline Image knownColourTransform(const Image& rgb) {
  Image ycc = rgbToYCbCr(rgb);
  const float c = std::cos(0.7f) * 1.4f, s = std::sin(0.7f) * 1.4f;
  for (size_t p = 0; p < ycc.pixelCount(); ++p) {
    const float cb = ycc.pixels[p * 3 + 1], cr = ycc.pixels[p * 3 + 2];
    ycc.pixels[p * 3 + 1] = c * cb - s * cr;
    ycc.pixels[p * 3 + 2] = s * cb + c * cr;
  }
  return yCbCrToRgb(ycc);
}

//! A 5x5 binomial blur (the known blur the spatial model must undo).
inline Image knownBlur(const Image& im) {
  const float k[5] = {1 / 16.f, 4 / 16.f, 6 / 16.f, 4 / 16.f, 1 / 16.f};
  auto pass = [&](const Image& src, int dx, int dy) {
    Image out(src.width, src.height, src.channels);
    for (int y = 0; y < src.height; ++y)
      for (int x = 0; x < src.width; ++x)
        for (int c = 0; c < src.channels; ++c) {
          float v = 0;
          for (int i = -2; i <= 2; ++i) {
            const int xx = std::clamp(x + i * dx, 0, src.width - 1);
            const int yy = std::clamp(y + i * dy, 0, src.height - 1);
            v += k[i + 2] * src.at(xx, yy, c);
          }
          out.at(x, y, c) = v;
        }
    return out;
  };
  return pass(pass(im, 1, 0), 0, 1);
}

//! Source frames: textured test patterns (seeds `first`..), `size` square.
inline Image syntheticFrame(int seed, int width, int height) {
  return makeTestPattern(width, height, static_cast<unsigned>(seed));
}

//! Chroma pairs (source, known colour transform of it) for `seeds`.
inline std::vector<TrainingPair> chromaPairs(const std::vector<int>& seeds, int w, int h) {
  std::vector<TrainingPair> pairs;
  PairSettings s;
  s.mode = RecoveryMode::Chroma;
  for (int seed : seeds) {
    const Image src = syntheticFrame(seed, w, h);
    pairs.push_back(buildTrainingPair(seed, src, knownColourTransform(src), nullptr, s));
  }
  return pairs;
}

//! Detail that a blur attenuates but does not erase (no noise, which no model can bring
//! back): sinusoids of 5–12 px periods at random angles plus hard-edged rectangles.
inline Image detailPattern(int seed, int w, int h) {
  std::mt19937 rng(static_cast<unsigned>(seed));
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  Image im(w, h, 3, 0.0f);
  float fx[3], fy[3], ph[3];
  for (int k = 0; k < 3; ++k) {
    const float angle = u(rng) * 3.14159f, period = 5.0f + 7.0f * u(rng);
    fx[k] = std::cos(angle) * 6.28318f / period;
    fy[k] = std::sin(angle) * 6.28318f / period;
    ph[k] = u(rng) * 6.28318f;
  }
  struct Box { int x0, y0, x1, y1; float v; };
  std::vector<Box> boxes;
  for (int b = 0; b < 6; ++b) {
    const int x0 = static_cast<int>(u(rng) * w), y0 = static_cast<int>(u(rng) * h);
    boxes.push_back({x0, y0, x0 + 4 + static_cast<int>(u(rng) * w / 3), y0 + 4 + static_cast<int>(u(rng) * h / 3),
                     u(rng) * 0.3f - 0.15f});
  }
  const float tint[3] = {1.0f, 0.9f + 0.2f * u(rng), 0.8f + 0.3f * u(rng)};
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      float v = 0.5f;
      for (int k = 0; k < 3; ++k) v += 0.08f * std::sin(fx[k] * x + fy[k] * y + ph[k]);
      for (const auto& b : boxes)
        if (x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1) v += b.v;
      for (int c = 0; c < 3; ++c) im.at(x, y, c) = std::clamp(v * tint[c], 0.0f, 1.0f);
    }
  return im;
}

//! Spatial pairs (blurred source, sharp reference) for `seeds`.
inline std::vector<TrainingPair> spatialPairs(const std::vector<int>& seeds, int w, int h) {
  std::vector<TrainingPair> pairs;
  PairSettings s;
  s.mode = RecoveryMode::Spatial;
  for (int seed : seeds) {
    const Image sharp = detailPattern(seed, w, h);
    pairs.push_back(buildTrainingPair(seed, knownBlur(sharp), sharp, nullptr, s));
  }
  return pairs;
}

}  // namespace filmrecover::test
