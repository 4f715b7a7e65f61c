#include "core/color/ycbcr.h"

namespace filmrecover {
namespace {

template <typename F>
Image convertFirstThree(const Image& in, F convert) {
  Image out = in;
  if (in.channels < 3) return out;
  const size_t n = in.pixelCount();
  const int c = in.channels;
  float* p = out.pixels.data();
  for (size_t i = 0; i < n; ++i, p += c) convert(p[0], p[1], p[2], p[0], p[1], p[2]);
  return out;
}

}  // namespace

Image rgbToYCbCr(const Image& rgb) {
  return convertFirstThree(rgb, [](float r, float g, float b, float& y, float& cb, float& cr) {
    rgbToYCbCr(r, g, b, y, cb, cr);
  });
}

Image yCbCrToRgb(const Image& ycbcr) {
  return convertFirstThree(ycbcr, [](float y, float cb, float cr, float& r, float& g, float& b) {
    yCbCrToRgb(y, cb, cr, r, g, b);
  });
}

}  // namespace filmrecover
