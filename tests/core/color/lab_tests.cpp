#include <gtest/gtest.h>

#include <cmath>

#include "core/color/lab.h"
#include "core/exec/errors.h"

namespace filmrecover {

namespace {

// Sharma, Wu & Dalal (2005), "The CIEDE2000 Color-Difference Formula: Implementation Notes,
// Supplementary Test Data, and Mathematical Observations", Table 1: all 34 pairs.
struct Pair {
  double L1, a1, b1, L2, a2, b2, dE;
};
const Pair kSharmaPairs[] = {
    {50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425},
    {50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615},
    {50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412},
    {50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000},
    {50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000},
    {50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000},
    {50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669},
    {50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669},
    {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792},
    {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792},
    {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195},
    {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195},
    {50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045},
    {50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045},
    {50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461},
    {50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065},
    {50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492},
    {50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977},
    {50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030},
    {50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535},
    {50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000},
    {50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000},
    {50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000},
    {50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000},
    {60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644},
    {63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630},
    {61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731},
    {35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645},
    {22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373},
    {36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146},
    {90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441},
    {90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381},
    {6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377},
    {2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082},
};

}  // namespace

TEST(DeltaE2000, MatchesAll34SharmaWuDalalPairsToFourDecimals) {
  int index = 1;
  for (const Pair& p : kSharmaPairs) {
    const Lab a{p.L1, p.a1, p.b1}, b{p.L2, p.a2, p.b2};
    EXPECT_NEAR(deltaE2000(a, b), p.dE, 0.5e-4) << "pair " << index;
    EXPECT_NEAR(deltaE2000(b, a), p.dE, 0.5e-4) << "pair " << index << " swapped";
    ++index;
  }
  EXPECT_EQ(index, 35);
  EXPECT_DOUBLE_EQ(deltaE2000(Lab{40, 10, -3}, Lab{40, 10, -3}), 0.0);
}

TEST(Lab, WhiteBlackAndRec709RedHaveTheirPublishedValues) {
  const Lab white = rgbToLab(1, 1, 1);
  EXPECT_NEAR(white.L, 100.0, 1e-9);
  EXPECT_NEAR(white.a, 0.0, 1e-9);
  EXPECT_NEAR(white.b, 0.0, 1e-9);
  const Lab black = rgbToLab(0, 0, 0);
  EXPECT_NEAR(black.L, 0.0, 1e-9);
  // Rec.709 red primary in CIE Lab (D65) from the BT.709 xy primaries and D65 white
  // (colour-science: 53.2371, 80.0901, 67.2033; tables using 4-digit matrices say 53.24, 80.09, 67.20).
  const Lab red = rgbToLab(1, 0, 0);
  EXPECT_NEAR(red.L, 53.2371, 2e-3);
  EXPECT_NEAR(red.a, 80.0901, 2e-3);
  EXPECT_NEAR(red.b, 67.2033, 2e-3);
  // Display value 0.5 decodes with gamma 2.4 to linear 0.18946 -> L* = 50.63.
  EXPECT_NEAR(rgbToLab(0.5f, 0.5f, 0.5f).L, 116.0 * std::cbrt(std::pow(0.5, 2.4)) - 16.0, 1e-6);
}

TEST(Lab, LabToRgbInvertsRgbToLab) {
  for (float r : {0.0f, 0.1f, 0.5f, 0.93f})
    for (float g : {0.02f, 0.4f, 1.0f})
      for (float b : {0.0f, 0.7f}) {
        float r2, g2, b2;
        labToRgb(rgbToLab(r, g, b), r2, g2, b2);
        EXPECT_NEAR(r2, r, 1e-5f);
        EXPECT_NEAR(g2, g, 1e-5f);
        EXPECT_NEAR(b2, b, 1e-5f);
      }
}

TEST(Lab, MeanDeltaE2000OverImagesAndRegions) {
  Image a(8, 6, 3, 0.5f), b(8, 6, 3, 0.5f);
  EXPECT_DOUBLE_EQ(meanDeltaE2000(a, b), 0.0);
  // Change the left half only.
  for (int y = 0; y < 6; ++y)
    for (int x = 0; x < 4; ++x) b.at(x, y, 0) = 0.6f;
  const double pair = deltaE2000(rgbToLab(0.5f, 0.5f, 0.5f), rgbToLab(0.6f, 0.5f, 0.5f));
  EXPECT_NEAR(meanDeltaE2000(a, b), pair / 2.0, 1e-9);
  const Rect left{0, 0, 4, 6}, right{4, 0, 8, 6};
  EXPECT_NEAR(meanDeltaE2000(a, b, &left), pair, 1e-9);
  EXPECT_NEAR(meanDeltaE2000(a, b, &right), 0.0, 1e-12);
  EXPECT_THROW(meanDeltaE2000(a, Image(4, 4, 3)), InputError);
  const Rect empty{3, 3, 3, 3};
  EXPECT_THROW(meanDeltaE2000(a, b, &empty), InputError);
}

}  // namespace filmrecover
