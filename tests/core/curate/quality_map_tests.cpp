// Quality measures: sharper, grainier, more colourful, dustier frames read that way, and
// the direction warning fires when the reference is the worse element.
#include <cstring>
#include <random>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "core/curate/quality_map.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::curate;

namespace {
Image blurred(const Image& in, double sigma) {
  cv::Mat m(in.height, in.width, CV_32FC3, const_cast<float*>(in.pixels.data())), out;
  cv::GaussianBlur(m, out, cv::Size(0, 0), sigma);
  Image r(in.width, in.height, 3);
  std::memcpy(r.pixels.data(), out.data, r.pixels.size() * sizeof(float));
  return r;
}
Image desaturated(const Image& in, float keep) {
  Image r = in;
  for (size_t i = 0; i < in.pixelCount(); ++i) {
    const float y = 0.2126f * in.pixels[3 * i] + 0.7152f * in.pixels[3 * i + 1] + 0.0722f * in.pixels[3 * i + 2];
    for (int c = 0; c < 3; ++c) r.pixels[3 * i + c] = y + keep * (in.pixels[3 * i + c] - y);
  }
  return r;
}
Image grainy(const Image& in, float sigma) {
  Image r = in;
  std::mt19937 rng(3);
  std::normal_distribution<float> n(0, sigma);
  for (auto& v : r.pixels) v += n(rng);
  return r;
}
}  // namespace

TEST(QualityMap, MeasuresSharpnessGrainColourAndDust) {
  const Image sharp = test::makeTestPattern(320, 180, 5);
  const auto q = measureFrame(sharp, 320, 180);
  const auto qb = measureFrame(blurred(sharp, 2.0), 320, 180);
  EXPECT_GT(q.sharpness, 1.5 * qb.sharpness);
  EXPECT_LT(q.edgeWidth, qb.edgeWidth);
  const auto qg = measureFrame(grainy(blurred(sharp, 2.0), 0.03f), 320, 180);
  EXPECT_GT(qg.grain, 2 * qb.grain);
  // Grain must not pass for detail: the grainy soft frame stays less sharp than the sharp one.
  EXPECT_LT(qg.sharpness, q.sharpness);
  const auto qd = measureFrame(desaturated(sharp, 0.3f), 320, 180);
  EXPECT_LT(qd.chromaVariety, 0.5 * q.chromaVariety);
  Image dusty = sharp;
  std::mt19937 rng(1);
  for (int i = 0; i < 200; ++i) {
    const int x = 2 + rng() % 316, y = 2 + rng() % 176;
    for (int c = 0; c < 3; ++c) dusty.at(x, y, c) = 0.0f;
  }
  EXPECT_GT(measureFrame(dusty, 320, 180).dust, q.dust + 100);
  // A half-size copy measured at the source's size is softer, not sharper.
  cv::Mat m(180, 320, CV_32FC3, const_cast<float*>(sharp.pixels.data())), small;
  cv::resize(m, small, cv::Size(160, 90), 0, 0, cv::INTER_AREA);
  Image half(160, 90, 3);
  std::memcpy(half.pixels.data(), small.data, half.pixels.size() * sizeof(float));
  EXPECT_LT(measureFrame(half, 320, 180).sharpness, q.sharpness);
}

TEST(QualityMap, WarnsWhenTheReferenceIsTheWorseElement) {
  QualityMap map;
  map.source.chromaVariety = 0.2;
  map.reference.chromaVariety = 0.05;
  map.betterColour = "source";
  map.betterDetail = "reference";
  EXPECT_NE(directionWarning(map, "chroma").find("less colour"), std::string::npos);
  EXPECT_EQ(directionWarning(map, "spatial"), "");
  map.betterDetail = "source";
  EXPECT_NE(directionWarning(map, "spatial").find("softer"), std::string::npos);
  map.betterColour = "reference";
  EXPECT_EQ(directionWarning(map, "chroma"), "");
  EXPECT_NE(qualityMapToJson(map).dump().find("betterDetail"), std::string::npos);
}
