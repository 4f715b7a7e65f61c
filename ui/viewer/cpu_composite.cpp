#include "ui/viewer/cpu_composite.h"

#include <algorithm>
#include <cmath>

namespace filmrecover::ui {

Image decimate(const Image& image, int maxWidth) {
  if (image.empty() || image.width <= maxWidth) return image;
  const int w = std::max(1, maxWidth);
  const int h = std::max(1, static_cast<int>(std::lround(double(image.height) * w / image.width)));
  Image out(w, h, 3);
  for (int y = 0; y < h; ++y) {
    const int sy = std::min(image.height - 1, static_cast<int>((y + 0.5) * image.height / h));
    for (int x = 0; x < w; ++x) {
      const int sx = std::min(image.width - 1, static_cast<int>((x + 0.5) * image.width / w));
      for (int c = 0; c < 3; ++c) out.at(x, y, c) = image.at(sx, sy, c);
    }
  }
  return out;
}

namespace {

// `src` resampled (nearest) to w x h; black when src is empty.
Image resampled(const Image& src, int w, int h) {
  if (src.empty()) return Image(w, h, 3, 0.0f);
  if (src.width == w && src.height == h && src.channels == 3) return src;
  Image out(w, h, 3);
  for (int y = 0; y < h; ++y) {
    const int sy = std::min(src.height - 1, static_cast<int>((y + 0.5) * src.height / h));
    for (int x = 0; x < w; ++x) {
      const int sx = std::min(src.width - 1, static_cast<int>((x + 0.5) * src.width / w));
      for (int c = 0; c < 3; ++c) out.at(x, y, c) = src.at(sx, sy, c);
    }
  }
  return out;
}

}  // namespace

Image compositeDisplayed(const Image& aIn, const Image& bIn, const CompareSettings& compare,
                         const DisplayFunction& display, int maxWidth) {
  const Image& frame = aIn.empty() ? bIn : aIn;
  if (frame.empty()) return Image();
  const int frameMax = std::max(1, maxWidth / compare.canvasFrames());
  Image a = aIn.empty() ? Image() : decimate(aIn, frameMax);
  const int w = a.empty() ? decimate(bIn, frameMax).width : a.width;
  const int h = a.empty() ? decimate(bIn, frameMax).height : a.height;
  a = resampled(a, w, h);
  Image b = resampled(bIn.empty() ? Image() : decimate(bIn, frameMax), w, h);
  if (display) {
    if (!aIn.empty()) display(a);
    if (!bIn.empty()) display(b);
  }
  const Image& first = compare.swapped ? b : a;
  const Image& second = compare.swapped ? a : b;
  switch (compare.mode) {
    case CompareMode::A: return a;
    case CompareMode::B: return b;
    case CompareMode::Wipe: {
      Image out(w, h, 3);
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
          const Image& src = compare.wipeShowsA(x + 0.5, y + 0.5, w, h) ? first : second;
          for (int c = 0; c < 3; ++c) out.at(x, y, c) = src.at(x, y, c);
        }
      return out;
    }
    case CompareMode::SideBySide: {
      Image out(2 * w, h, 3);
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
          for (int c = 0; c < 3; ++c) {
            out.at(x, y, c) = first.at(x, y, c);
            out.at(x + w, y, c) = second.at(x, y, c);
          }
      return out;
    }
    case CompareMode::Difference: {
      Image out(w, h, 3);
      const float gain = static_cast<float>(compare.differenceGain);
      for (size_t i = 0; i < out.pixels.size(); ++i)
        out.pixels[i] = std::fabs(a.pixels[i] - b.pixels[i]) * gain;
      return out;
    }
  }
  return a;
}

}  // namespace filmrecover::ui
