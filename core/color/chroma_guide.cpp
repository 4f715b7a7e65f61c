#include "core/color/chroma_guide.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/exec/errors.h"

namespace filmrecover {
namespace {

// Mean over the (2r+1)^2 window of every pixel, the window cut at the frame's edge: running
// sums along rows, then along columns, in double so that 4K frames keep float precision.
class BoxMean {
 public:
  BoxMean(int width, int height, int radius) : w_(width), h_(height), r_(radius), rows_(static_cast<size_t>(width) * height) {}

  std::vector<float> operator()(const std::vector<float>& in) {
    for (int y = 0; y < h_; ++y) {
      const float* src = &in[static_cast<size_t>(y) * w_];
      double* dst = &rows_[static_cast<size_t>(y) * w_];
      double sum = 0;
      for (int x = 0; x <= r_ && x < w_; ++x) sum += src[x];
      for (int x = 0; x < w_; ++x) {
        dst[x] = sum;
        if (x + r_ + 1 < w_) sum += src[x + r_ + 1];
        if (x - r_ >= 0) sum -= src[x - r_];
      }
    }
    std::vector<float> out(in.size());
    std::vector<double> column(static_cast<size_t>(w_), 0.0);
    for (int y = 0; y <= r_ && y < h_; ++y)
      for (int x = 0; x < w_; ++x) column[x] += rows_[static_cast<size_t>(y) * w_ + x];
    for (int y = 0; y < h_; ++y) {
      const int y0 = std::max(0, y - r_), y1 = std::min(h_ - 1, y + r_);
      for (int x = 0; x < w_; ++x) {
        const int x0 = std::max(0, x - r_), x1 = std::min(w_ - 1, x + r_);
        out[static_cast<size_t>(y) * w_ + x] = static_cast<float>(column[x] / ((x1 - x0 + 1) * (y1 - y0 + 1)));
      }
      if (y + r_ + 1 < h_)
        for (int x = 0; x < w_; ++x) column[x] += rows_[static_cast<size_t>(y + r_ + 1) * w_ + x];
      if (y - r_ >= 0)
        for (int x = 0; x < w_; ++x) column[x] -= rows_[static_cast<size_t>(y - r_) * w_ + x];
    }
    return out;
  }

 private:
  int w_, h_, r_;
  std::vector<double> rows_;
};

}  // namespace

void validateChromaGuideSettings(const ChromaGuideSettings& s) {
  if (s.radius < 0 || s.radius > 8)
    throw InputError("chroma guide radius " + std::to_string(s.radius) + " is out of range (0 to 8 pixels).");
  if (!(s.eps > 0)) throw InputError("chroma guide eps must be above 0.");
}

void guideChromaByLuma(Image& ycc, const ChromaGuideSettings& settings) {
  validateChromaGuideSettings(settings);
  if (ycc.channels < 3)
    throw InputError("the chroma guide needs a Y'CbCr image (" + std::to_string(ycc.channels) + " channels given).");
  if (settings.radius == 0 || ycc.empty()) return;
  const size_t n = ycc.pixelCount();
  const int ch = ycc.channels;
  BoxMean box(ycc.width, ycc.height, settings.radius);
  std::vector<float> luma(n), lumaSquared(n);
  for (size_t i = 0; i < n; ++i) {
    luma[i] = ycc.pixels[i * ch];
    lumaSquared[i] = luma[i] * luma[i];
  }
  const std::vector<float> meanLuma = box(luma);
  std::vector<float> varianceLuma = box(lumaSquared);
  for (size_t i = 0; i < n; ++i) varianceLuma[i] -= meanLuma[i] * meanLuma[i];
  const auto eps = static_cast<float>(settings.eps);
  std::vector<float> colour(n), product(n);
  for (int c = 1; c <= 2; ++c) {
    for (size_t i = 0; i < n; ++i) {
      colour[i] = ycc.pixels[i * ch + c];
      product[i] = luma[i] * colour[i];
    }
    const std::vector<float> meanColour = box(colour), meanProduct = box(product);
    // Per window: colour = a * luma + b, least squares with a ridge of eps on a.
    std::vector<float> a(n), b(n);
    for (size_t i = 0; i < n; ++i) {
      a[i] = (meanProduct[i] - meanLuma[i] * meanColour[i]) / (varianceLuma[i] + eps);
      b[i] = meanColour[i] - a[i] * meanLuma[i];
    }
    // Each pixel lies in (2r+1)^2 windows: their mean coefficients give its colour.
    const std::vector<float> meanA = box(a), meanB = box(b);
    for (size_t i = 0; i < n; ++i) ycc.pixels[i * ch + c] = meanA[i] * luma[i] + meanB[i];
  }
}

}  // namespace filmrecover
