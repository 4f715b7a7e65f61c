#include "core/analysis/frame_metrics.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/analysis/image_stats.h"
#include "core/analysis/ssim.h"
#include "core/color/lab.h"
#include "core/color/ycbcr.h"
#include "core/exec/errors.h"
#include "core/exec/parallel_for.h"

namespace filmrecover::analysis {
namespace {

void requireSameSize(const Image& a, const Image& b, const char* what) {
  if (a.width != b.width || a.height != b.height || a.channels < 3 || b.channels < 3)
    throw InputError(std::string("cannot compare ") + what + ": the frames are " + std::to_string(a.width) + "x" +
                     std::to_string(a.height) + " and " + std::to_string(b.width) + "x" +
                     std::to_string(b.height) + " (both must be RGB of the same size).");
}

// Sums one row band may add to; merged after the threads finish.
struct Partial {
  double sqRgb = 0, sqY = 0, sqC = 0;
  double sumYa = 0, sumCba = 0, sumCra = 0, sumYb = 0, sumCbb = 0, sumCrb = 0;
  double sumDy = 0, maxDy = 0, sumDc = 0, maxDc = 0;
  double sumDe = 0;
};

Image firstThreeChannels(const Image& in) {
  Image out(in.width, in.height, 3);
  for (size_t i = 0; i < in.pixelCount(); ++i)
    for (int c = 0; c < 3; ++c) out.pixels[i * 3 + c] = in.pixels[i * in.channels + c];
  return out;
}

}  // namespace

FrameMetrics compareFrames(const Image& a, const Image& b, const Image* source,
                           const FrameMetricsOptions& options) {
  requireSameSize(a, b, "A with B");
  if (source) requireSameSize(a, *source, "A with its source");
  const int bands = std::max(1, std::min(resolveThreadCount(options.threads), a.height));
  std::vector<Partial> partials(static_cast<size_t>(bands));
  std::vector<double> deltaE(options.deltaE ? a.pixelCount() : 0);

  parallelRanges(a.height, bands, [&](int band, int y0, int y1) {
    Partial& p = partials[static_cast<size_t>(band)];
    for (int y = y0; y < y1; ++y)
      for (int x = 0; x < a.width; ++x) {
        const float* pa = &a.pixels[a.index(x, y)];
        const float* pb = &b.pixels[b.index(x, y)];
        for (int c = 0; c < 3; ++c) {
          const double d = static_cast<double>(pa[c]) - pb[c];
          p.sqRgb += d * d;
        }
        float ya, cba, cra, yb, cbb, crb;
        rgbToYCbCr(pa[0], pa[1], pa[2], ya, cba, cra);
        rgbToYCbCr(pb[0], pb[1], pb[2], yb, cbb, crb);
        const double dy = static_cast<double>(ya) - yb, dcb = static_cast<double>(cba) - cbb,
                     dcr = static_cast<double>(cra) - crb;
        p.sqY += dy * dy;
        p.sqC += dcb * dcb + dcr * dcr;
        p.sumYa += ya, p.sumCba += cba, p.sumCra += cra;
        p.sumYb += yb, p.sumCbb += cbb, p.sumCrb += crb;
        if (source) {
          const float* ps = &source->pixels[source->index(x, y)];
          float ys, cbs, crs;
          rgbToYCbCr(ps[0], ps[1], ps[2], ys, cbs, crs);
          const double ddy = std::abs(static_cast<double>(ya) - ys);
          const double ddc = std::hypot(static_cast<double>(cba) - cbs, static_cast<double>(cra) - crs);
          p.sumDy += ddy, p.maxDy = std::max(p.maxDy, ddy);
          p.sumDc += ddc, p.maxDc = std::max(p.maxDc, ddc);
        }
        if (options.deltaE) {
          const double de = deltaE2000(rgbToLab(pa[0], pa[1], pa[2]), rgbToLab(pb[0], pb[1], pb[2]));
          deltaE[static_cast<size_t>(y) * a.width + x] = de;
          p.sumDe += de;
        }
      }
  });

  Partial t;
  for (const auto& p : partials) {
    t.sqRgb += p.sqRgb, t.sqY += p.sqY, t.sqC += p.sqC;
    t.sumYa += p.sumYa, t.sumCba += p.sumCba, t.sumCra += p.sumCra;
    t.sumYb += p.sumYb, t.sumCbb += p.sumCbb, t.sumCrb += p.sumCrb;
    t.sumDy += p.sumDy, t.maxDy = std::max(t.maxDy, p.maxDy);
    t.sumDc += p.sumDc, t.maxDc = std::max(t.maxDc, p.maxDc);
    t.sumDe += p.sumDe;
  }
  const double n = static_cast<double>(a.pixelCount());
  FrameMetrics m;
  m.psnrRgb = psnrFromMse(t.sqRgb / (3.0 * n));
  m.psnrLuma = psnrFromMse(t.sqY / n);
  m.psnrChroma = psnrFromMse(t.sqC / (2.0 * n));
  m.meanLumaA = t.sumYa / n, m.meanCbA = t.sumCba / n, m.meanCrA = t.sumCra / n;
  m.meanLumaB = t.sumYb / n, m.meanCbB = t.sumCbb / n, m.meanCrB = t.sumCrb / n;
  if (source) {
    m.hasSource = true;
    m.lumaIdentityMax = t.maxDy, m.lumaIdentityMean = t.sumDy / n;
    m.chromaIdentityMax = t.maxDc, m.chromaIdentityMean = t.sumDc / n;
  }
  if (options.deltaE) {
    m.deltaE2000Mean = t.sumDe / n;
    m.deltaE2000P95 = percentile(deltaE, 95.0);
  }
  if (a.channels == 3 && b.channels == 3)
    m.ssim = ssim(a, b);
  else
    m.ssim = ssim(firstThreeChannels(a), firstThreeChannels(b));
  return m;
}

}  // namespace filmrecover::analysis
