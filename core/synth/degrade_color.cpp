// Colour degradations: dye fade and black-and-white.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/color/ycbcr.h"
#include "core/opencv/image_mat.h"
#include "core/synth/degrade.h"

namespace filmrecover::synth {
Image degradeFade(const Image& image, const FadeOptions& o) {
  Image out = image;
  // Dye loss follows the local density of the print (the dye layers of a dense area fade
  // together), so the fade of a pixel depends on its neighbourhood's luma, not only on its
  // own colour: no per-pixel colour transform (a LUT) can undo it exactly.
  const cv::Mat luma = lumaMat(image);
  cv::Mat local;
  const double sigma = std::max(2.0, image.width / 60.0);
  cv::GaussianBlur(luma, local, cv::Size(0, 0), sigma, sigma, cv::BORDER_REFLECT);
  const float cx = (image.width - 1) / 2.0f, cy = (image.height - 1) / 2.0f;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const float r = image.at(x, y, 0), g = image.at(x, y, 1), b = image.at(x, y, 2);
      float Y, cb, cr;
      rgbToYCbCr(r, g, b, Y, cb, cr);
      const float dx = (x - cx) / std::max(1.0f, cx), dy = (y - cy) / std::max(1.0f, cy);
      const float radial = std::min(1.0f, 0.5f * (dx * dx + dy * dy));
      const float shadow = 1.0f - std::clamp(local.at<float>(y, x), 0.0f, 1.0f);
      const float w = static_cast<float>(o.strength) *
                      (1.0f + static_cast<float>(o.edgeBoost) * radial) /
                      (1.0f + static_cast<float>(o.edgeBoost)) *
                      (1.0f + static_cast<float>(o.shadowBoost) * shadow) /
                      (1.0f + static_cast<float>(o.shadowBoost));
      const float loss = std::clamp(static_cast<float>(o.chromaLoss) * w, 0.0f, 0.98f);
      // Cyan layer loss hits the red/cyan axis (Cr) hardest; magenta cast lifts Cr and Cb.
      cr = cr * (1.0f - loss) + static_cast<float>(o.magentaCast) * w;
      cb = cb * (1.0f - 0.8f * loss) + 0.6f * static_cast<float>(o.magentaCast) * w;
      // Luma is kept: a technically balanced source (workflow stage 0) has its tones right.
      float R, G, B;
      yCbCrToRgb(Y, cb, cr, R, G, B);
      out.at(x, y, 0) = std::clamp(R, 0.0f, 1.0f);
      out.at(x, y, 1) = std::clamp(G, 0.0f, 1.0f);
      out.at(x, y, 2) = std::clamp(B, 0.0f, 1.0f);
    }
  }
  return out;
}

Image degradeMonochrome(const Image& image) {
  Image out = image;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const float Y = luma709(image.at(x, y, 0), image.at(x, y, 1), image.at(x, y, 2));
      for (int c = 0; c < 3; ++c) out.at(x, y, c) = Y;
    }
  return out;
}

}  // namespace filmrecover::synth
