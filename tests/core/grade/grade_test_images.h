#pragma once
// Frames for the match-grade tests: colour fields that cover most of the RGB cube, and
// known colour transforms to recover.
#include <algorithm>
#include <cmath>
#include <random>

#include "core/image/image.h"

namespace filmrecover::test {

//! A w x h frame whose colours sweep the cube smoothly (phase from `seed`), with a little
//! grain, like a frame of a shot with varied content.
inline Image makeColourField(int w, int h, unsigned seed) {
  Image img(w, h, 3);
  std::mt19937 rng(seed);
  std::normal_distribution<float> grain(0.0f, 0.01f);
  const float phase = 0.7f * seed;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const float u = float(x) / (w - 1), v = float(y) / (h - 1);
      const float r = 0.5f + 0.5f * std::sin(6.0f * u + phase);
      const float g = 0.5f + 0.5f * std::sin(5.0f * v + 1.3f * phase + 2.0f * u);
      const float b = 0.5f + 0.5f * std::cos(4.0f * (u + v) + 0.6f * phase);
      img.at(x, y, 0) = std::clamp(r + grain(rng), 0.0f, 1.0f);
      img.at(x, y, 1) = std::clamp(g + grain(rng), 0.0f, 1.0f);
      img.at(x, y, 2) = std::clamp(b + grain(rng), 0.0f, 1.0f);
    }
  return img;
}

//! A known global "restoration" transform: channel crosstalk, per-channel gamma, lift.
//! It is what a match-grade should learn from faded source to reference.
inline void restoreColour(const float in[3], float out[3]) {
  const float mixed[3] = {0.85f * in[0] + 0.10f * in[1] + 0.05f * in[2],
                          0.05f * in[0] + 0.80f * in[1] + 0.15f * in[2],
                          0.10f * in[0] + 0.15f * in[1] + 0.75f * in[2]};
  const float gamma[3] = {0.8f, 1.15f, 1.3f};
  for (int c = 0; c < 3; ++c) out[c] = 0.02f + 0.96f * std::pow(std::max(mixed[c], 0.0f), gamma[c]);
}

//! Applies restoreColour to every pixel; with `spatial`, the strength of the transform
//! fades from full on the left edge to none on the right (a non-global fade).
inline Image applyRestore(const Image& in, bool spatial = false) {
  Image out = in;
  for (int y = 0; y < in.height; ++y)
    for (int x = 0; x < in.width; ++x) {
      float src[3] = {in.at(x, y, 0), in.at(x, y, 1), in.at(x, y, 2)}, dst[3];
      restoreColour(src, dst);
      const float k = spatial ? 1.0f - float(x) / (in.width - 1) : 1.0f;
      for (int c = 0; c < 3; ++c) out.at(x, y, c) = k * dst[c] + (1.0f - k) * src[c];
    }
  return out;
}

//! PSNR (peak 1) over all values of two same-sized images.
inline double psnrOf(const Image& a, const Image& b) {
  double sq = 0.0;
  for (size_t i = 0; i < a.pixels.size(); ++i) {
    const double d = a.pixels[i] - b.pixels[i];
    sq += d * d;
  }
  return 10.0 * std::log10(1.0 / std::max(sq / a.pixels.size(), 1e-20));
}

}  // namespace filmrecover::test
