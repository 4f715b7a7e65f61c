// The chroma guide: a guided filter of Cb, Cr with Y' as the guide. Checked against a
// brute-force guided filter (every window summed directly), on a generated picture whose
// true colour is known (small lit and dark windows on a wall, the colour recovered with
// per-pixel noise), and for what it must never do: touch the luma, colour a uniform colour
// with the luma's grain, or amplify colour noise.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "core/color/chroma_guide.h"
#include "core/exec/errors.h"

using namespace filmrecover;

namespace {

// He et al.'s guided filter written out window by window (windows cut at the edge): the
// ground truth for the running-sum implementation.
Image bruteForceGuide(const Image& ycc, int r, double eps) {
  const int w = ycc.width, h = ycc.height;
  auto mean = [&](const std::vector<double>& v, int x, int y) {
    double s = 0;
    int n = 0;
    for (int j = std::max(0, y - r); j <= std::min(h - 1, y + r); ++j)
      for (int i = std::max(0, x - r); i <= std::min(w - 1, x + r); ++i) s += v[j * w + i], ++n;
    return s / n;
  };
  Image out = ycc;
  std::vector<double> I(w * h), II(w * h);
  for (int k = 0; k < w * h; ++k) I[k] = ycc.pixels[k * ycc.channels], II[k] = I[k] * I[k];
  for (int c = 1; c <= 2; ++c) {
    std::vector<double> p(w * h), Ip(w * h), a(w * h), b(w * h);
    for (int k = 0; k < w * h; ++k) p[k] = ycc.pixels[k * ycc.channels + c], Ip[k] = I[k] * p[k];
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const double mI = mean(I, x, y), mp = mean(p, x, y);
        const double var = mean(II, x, y) - mI * mI;
        a[y * w + x] = (mean(Ip, x, y) - mI * mp) / (var + eps);
        b[y * w + x] = mp - a[y * w + x] * mI;
      }
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        out.pixels[(y * w + x) * ycc.channels + c] = static_cast<float>(mean(a, x, y) * I[y * w + x] + mean(b, x, y));
  }
  return out;
}

// A wall (Y' 0.35, a warm brown) with lit windows 3 px wide (Y' 0.8, yellow) and dark ones
// (Y' 0.05, neutral): the true colour changes exactly where the luma does.
Image wallWithWindows(int w, int h) {
  Image ycc(w, h, 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const bool window = x % 8 >= 3 && x % 8 < 7 && y % 9 >= 3 && y % 9 < 8;
      const bool lit = window && ((x / 8 + y / 9) % 3 != 0);
      float* p = &ycc.pixels[(y * w + x) * 3];
      if (!window) p[0] = 0.35f, p[1] = -0.04f, p[2] = 0.06f;
      else if (lit) p[0] = 0.80f, p[1] = -0.12f, p[2] = 0.04f;
      else p[0] = 0.05f, p[1] = 0.0f, p[2] = 0.0f;
    }
  return ycc;
}

// Cb, Cr blurred by a Gaussian of `sigma` px (cut at the edge): colour as a reference of
// lower colour resolution teaches it. Y' untouched.
Image softenColour(const Image& ycc, double sigma) {
  const int r = static_cast<int>(std::ceil(3 * sigma));
  std::vector<double> k(2 * r + 1);
  for (int i = -r; i <= r; ++i) k[i + r] = std::exp(-0.5 * i * i / (sigma * sigma));
  Image tmp = ycc, out = ycc;
  for (int pass = 0; pass < 2; ++pass) {
    const Image& in = pass == 0 ? ycc : tmp;
    Image& dst = pass == 0 ? tmp : out;
    for (int y = 0; y < ycc.height; ++y)
      for (int x = 0; x < ycc.width; ++x)
        for (int c = 1; c <= 2; ++c) {
          double s = 0, ws = 0;
          for (int i = -r; i <= r; ++i) {
            const int xx = pass == 0 ? x + i : x, yy = pass == 0 ? y : y + i;
            if (xx < 0 || yy < 0 || xx >= ycc.width || yy >= ycc.height) continue;
            s += k[i + r] * in.at(xx, yy, c), ws += k[i + r];
          }
          dst.at(x, y, c) = static_cast<float>(s / ws);
        }
  }
  return out;
}

double meanColourError(const Image& a, const Image& b) {
  double s = 0;
  for (size_t i = 0; i < a.pixelCount(); ++i)
    s += std::abs(a.pixels[i * 3 + 1] - b.pixels[i * 3 + 1]) + std::abs(a.pixels[i * 3 + 2] - b.pixels[i * 3 + 2]);
  return s / (2.0 * a.pixelCount());
}

void addLumaGrain(Image& ycc, float sigma, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> n(0, sigma);
  for (size_t i = 0; i < ycc.pixelCount(); ++i) ycc.pixels[i * ycc.channels] += n(rng);
}

}  // namespace

TEST(ChromaGuide, IsTheGuidedFilterOfHeSunAndTang) {
  Image ycc = softenColour(wallWithWindows(37, 29), 1.5);
  addLumaGrain(ycc, 0.02f, 4);
  for (const auto& [r, eps] : {std::pair{1, 1e-4}, std::pair{2, 1e-3}, std::pair{3, 1e-5}}) {
    Image fast = ycc;
    guideChromaByLuma(fast, {r, eps});
    const Image slow = bruteForceGuide(ycc, r, eps);
    double maxDiff = 0;
    for (size_t i = 0; i < fast.pixels.size(); ++i)
      maxDiff = std::max(maxDiff, static_cast<double>(std::abs(fast.pixels[i] - slow.pixels[i])));
    EXPECT_LT(maxDiff, 2e-4) << "radius " << r << ", eps " << eps;
  }
}

TEST(ChromaGuide, NoisyColourIsSmoothedWithinLikeLumaAndKeepsItsEdgesAndLumaIsUntouched) {
  // What a network inferring each pixel's colour from a grainy source gives: the colour
  // about right, with per-pixel noise, a little soft at edges.
  const Image truth = wallWithWindows(120, 84);
  Image recovered = softenColour(truth, 0.7);
  addLumaGrain(recovered, 0.01f, 9);
  std::mt19937 rng(5);
  std::normal_distribution<float> n(0, 0.02f);
  for (size_t i = 0; i < recovered.pixelCount(); ++i)
    recovered.pixels[i * 3 + 1] += n(rng), recovered.pixels[i * 3 + 2] += n(rng);
  Image guided = recovered;
  guideChromaByLuma(guided, ChromaGuideSettings{});
  for (size_t i = 0; i < recovered.pixelCount(); ++i) ASSERT_EQ(guided.pixels[i * 3], recovered.pixels[i * 3]) << i;
  // A plain blur of the colour over the same footprint (a box of 3, twice) for comparison:
  // it removes as much noise but smears the windows' colour into the wall.
  Image blurred = recovered;
  guideChromaByLuma(blurred, {1, 1e6});  // eps that large: every window counts as flat
  const double before = meanColourError(recovered, truth), after = meanColourError(guided, truth),
               plain = meanColourError(blurred, truth);
  std::cout << "mean |dCb,dCr| against the truth: recovered " << before << ", guided " << after << ", plain blur "
            << plain << "\n";
  EXPECT_LT(after, 0.6 * before);
  EXPECT_LT(after, 0.8 * plain);
  // radius 0 is off.
  Image off = recovered;
  guideChromaByLuma(off, {0, 1e-4});
  EXPECT_EQ(off.pixels, recovered.pixels);
}

TEST(ChromaGuide, AUniformColourStaysUniformOverGrainAndColourNoiseIsNotAmplified) {
  Image flat(64, 48, 4);  // a fourth channel (alpha) must pass untouched
  for (size_t i = 0; i < flat.pixelCount(); ++i) {
    float* p = &flat.pixels[i * 4];
    p[0] = 0.4f, p[1] = 0.05f, p[2] = -0.03f, p[3] = 0.25f + 0.001f * static_cast<float>(i % 7);
  }
  addLumaGrain(flat, 0.03f, 1);
  Image guided = flat;
  guideChromaByLuma(guided, ChromaGuideSettings{});
  for (size_t i = 0; i < flat.pixelCount(); ++i) {
    ASSERT_NEAR(guided.pixels[i * 4 + 1], 0.05f, 1e-5f) << i;
    ASSERT_NEAR(guided.pixels[i * 4 + 2], -0.03f, 1e-5f) << i;
    ASSERT_EQ(guided.pixels[i * 4], flat.pixels[i * 4]);
    ASSERT_EQ(guided.pixels[i * 4 + 3], flat.pixels[i * 4 + 3]);
  }
  // Colour noise that has nothing to do with the luma's grain is smoothed, not strengthened.
  std::mt19937 rng(2);
  std::normal_distribution<float> n(0, 0.01f);
  Image noisy = flat;
  for (size_t i = 0; i < noisy.pixelCount(); ++i) noisy.pixels[i * 4 + 1] += n(rng);
  Image out = noisy;
  guideChromaByLuma(out, ChromaGuideSettings{});
  double in2 = 0, out2 = 0;
  for (size_t i = 0; i < noisy.pixelCount(); ++i) {
    in2 += std::pow(noisy.pixels[i * 4 + 1] - 0.05, 2);
    out2 += std::pow(out.pixels[i * 4 + 1] - 0.05, 2);
  }
  EXPECT_LT(out2, 0.5 * in2);
}

TEST(ChromaGuide, RefusesBadSettingsAndImagesWithoutColour) {
  Image ycc(8, 8, 3);
  EXPECT_THROW(guideChromaByLuma(ycc, {9, 1e-4}), InputError);
  EXPECT_THROW(guideChromaByLuma(ycc, {-1, 1e-4}), InputError);
  EXPECT_THROW(guideChromaByLuma(ycc, {1, 0.0}), InputError);
  Image grey(8, 8, 1);
  EXPECT_THROW(guideChromaByLuma(grey, ChromaGuideSettings{}), InputError);
}
