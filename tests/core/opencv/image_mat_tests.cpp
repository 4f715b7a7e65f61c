#include "core/opencv/image_mat.h"

#include <gtest/gtest.h>

#include "core/color/ycbcr.h"

namespace filmrecover {
namespace {

Image ramp(int width, int height, int channels) {
  Image image(width, height, channels);
  for (size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = static_cast<float>(i % 97) / 96.0f;
  return image;
}

TEST(ImageMat, ToMatAndBackKeepEveryChannelInOrder) {
  for (int channels : {1, 2, 3, 4}) {
    const Image image = ramp(7, 5, channels);
    const cv::Mat mat = toMat(image);
    ASSERT_EQ(mat.type(), CV_32FC(channels));
    ASSERT_EQ(mat.cols, 7);
    ASSERT_EQ(mat.rows, 5);
    EXPECT_FLOAT_EQ(mat.ptr<float>(2)[3 * channels + channels - 1], image.at(3, 2, channels - 1));
    const Image back = fromMat(mat);
    EXPECT_EQ(back.channels, channels);
    EXPECT_EQ(back.pixels, image.pixels);
  }
}

TEST(ImageMat, ToMatIsACopyAndMatViewIsNot) {
  Image image = ramp(4, 3, 3);
  const cv::Mat copy = toMat(image);
  const cv::Mat view = matView(image);
  image.at(1, 1, 0) = 5.0f;
  EXPECT_NE(copy.ptr<float>(1)[3], 5.0f);
  EXPECT_EQ(view.ptr<float>(1)[3], 5.0f);
}

TEST(ImageMat, RgbMatDropsAlphaAndKeepsGrey) {
  const Image rgba = ramp(6, 4, 4);
  const cv::Mat rgb = toRgbMat(rgba);
  ASSERT_EQ(rgb.type(), CV_32FC3);
  for (int c = 0; c < 3; ++c) EXPECT_FLOAT_EQ(rgb.ptr<float>(3)[5 * 3 + c], rgba.at(5, 3, c));
  EXPECT_EQ(toRgbMat(ramp(6, 4, 1)).type(), CV_32FC1);
  const Image two = ramp(6, 4, 2);
  const cv::Mat fromTwo = toRgbMat(two);
  ASSERT_EQ(fromTwo.type(), CV_32FC3);
  EXPECT_FLOAT_EQ(fromTwo.ptr<float>(0)[2], two.at(0, 0, 1));
}

TEST(ImageMat, FromMatConvertsDepthAndCopiesARegion) {
  cv::Mat bytes(4, 6, CV_8UC3, cv::Scalar(10, 20, 30));
  bytes.at<cv::Vec3b>(2, 3) = {1, 2, 3};
  const Image fromBytes = fromMat(bytes);
  EXPECT_EQ(fromBytes.channels, 3);
  EXPECT_FLOAT_EQ(fromBytes.at(0, 0, 2), 30.0f);  // converted, not scaled
  const Image region = fromMat(bytes(cv::Rect(2, 1, 3, 2)));
  EXPECT_EQ(region.width, 3);
  EXPECT_EQ(region.height, 2);
  EXPECT_FLOAT_EQ(region.at(1, 1, 0), 1.0f);
  EXPECT_FLOAT_EQ(region.at(1, 1, 2), 3.0f);
}

TEST(ImageMat, LumaIsRec709AndGreyStaysItself) {
  Image rgb(2, 1, 3);
  rgb.pixels = {1, 0, 0, 0.2f, 0.5f, 0.9f};
  const cv::Mat luma = lumaMat(rgb);
  ASSERT_EQ(luma.type(), CV_32FC1);
  EXPECT_NEAR(luma.at<float>(0, 0), 0.2126f, 1e-7);
  EXPECT_FLOAT_EQ(luma.at<float>(0, 1), luma709(0.2f, 0.5f, 0.9f));
  EXPECT_NEAR(luma.at<float>(0, 1), 0.2126 * 0.2 + 0.7152 * 0.5 + 0.0722 * 0.9, 1e-6);
  const Image grey = ramp(3, 2, 1);
  const cv::Mat same = lumaMat(grey);
  EXPECT_FLOAT_EQ(same.at<float>(1, 2), grey.at(2, 1, 0));
  const Image rgba = ramp(3, 2, 4);
  EXPECT_FLOAT_EQ(lumaMat(rgba).at<float>(1, 1), luma709(rgba.at(1, 1, 0), rgba.at(1, 1, 1), rgba.at(1, 1, 2)));
}

}  // namespace
}  // namespace filmrecover
