#include <gtest/gtest.h>

#include <random>

#include "core/color/ycbcr.h"

namespace filmrecover {

TEST(YCbCr, PrimariesAndWhiteHaveTheRec709Values) {
  float y, cb, cr;
  rgbToYCbCr(1, 1, 1, y, cb, cr);
  EXPECT_NEAR(y, 1.0f, 1e-7f);
  EXPECT_NEAR(cb, 0.0f, 1e-7f);
  EXPECT_NEAR(cr, 0.0f, 1e-7f);
  rgbToYCbCr(1, 0, 0, y, cb, cr);
  EXPECT_NEAR(y, 0.2126f, 1e-7f);
  EXPECT_NEAR(cr, 0.5f, 1e-7f);
  rgbToYCbCr(0, 0, 1, y, cb, cr);
  EXPECT_NEAR(y, 0.0722f, 1e-7f);
  EXPECT_NEAR(cb, 0.5f, 1e-7f);
  rgbToYCbCr(0, 1, 0, y, cb, cr);
  EXPECT_NEAR(y, 0.7152f, 1e-7f);
  EXPECT_LT(cb, 0.0f);
  EXPECT_LT(cr, 0.0f);
  EXPECT_NEAR(luma709(0.5f, 0.5f, 0.5f), 0.5f, 1e-7f);
}

TEST(YCbCr, RoundTripErrorIsBelowOneMillionth) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  float worst = 0;
  for (int i = 0; i < 200000; ++i) {
    const float r = u(rng), g = u(rng), b = u(rng);
    float y, cb, cr, r2, g2, b2;
    rgbToYCbCr(r, g, b, y, cb, cr);
    EXPECT_GE(cb, -0.5f - 1e-6f);
    EXPECT_LE(cb, 0.5f + 1e-6f);
    yCbCrToRgb(y, cb, cr, r2, g2, b2);
    worst = std::max({worst, std::fabs(r - r2), std::fabs(g - g2), std::fabs(b - b2)});
  }
  EXPECT_LT(worst, 1e-6f);
}

TEST(YCbCr, WholeImagesRoundTripAndKeepExtraChannels) {
  Image rgba(17, 9, 4);
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  for (float& v : rgba.pixels) v = u(rng);
  const Image ycc = rgbToYCbCr(rgba);
  ASSERT_EQ(ycc.channels, 4);
  EXPECT_NEAR(ycc.at(3, 2, 0), luma709(rgba.at(3, 2, 0), rgba.at(3, 2, 1), rgba.at(3, 2, 2)), 1e-6f);
  EXPECT_EQ(ycc.at(5, 5, 3), rgba.at(5, 5, 3));
  const Image back = yCbCrToRgb(ycc);
  for (size_t i = 0; i < back.pixels.size(); ++i) ASSERT_NEAR(back.pixels[i], rgba.pixels[i], 1e-6f);
}

}  // namespace filmrecover
