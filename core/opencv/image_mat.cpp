#include "core/opencv/image_mat.h"

#include <algorithm>
#include <cstring>

#include "core/color/ycbcr.h"

namespace filmrecover {

cv::Mat toMat(const Image& image) { return matView(image).clone(); }

cv::Mat toRgbMat(const Image& image) {
  if (image.channels == 1 || image.channels == 3) return toMat(image);
  cv::Mat mat(image.height, image.width, CV_32FC3);
  for (int y = 0; y < image.height; ++y) {
    float* out = mat.ptr<float>(y);
    for (int x = 0; x < image.width; ++x)
      for (int c = 0; c < 3; ++c) out[x * 3 + c] = image.at(x, y, std::min(c, image.channels - 1));
  }
  return mat;
}

Image fromMat(const cv::Mat& mat) {
  cv::Mat f;
  if (mat.depth() != CV_32F) mat.convertTo(f, CV_32F); else f = mat;
  if (!f.isContinuous()) f = f.clone();
  Image image(f.cols, f.rows, f.channels());
  std::memcpy(image.pixels.data(), f.data, image.pixels.size() * sizeof(float));
  return image;
}

cv::Mat lumaMat(const Image& image) {
  cv::Mat luma(image.height, image.width, CV_32FC1);
  const int c = image.channels;
  for (int y = 0; y < image.height; ++y) {
    const float* in = image.pixels.data() + static_cast<size_t>(y) * image.width * c;
    float* out = luma.ptr<float>(y);
    if (c >= 3) {
      for (int x = 0; x < image.width; ++x) out[x] = luma709(in[x * c], in[x * c + 1], in[x * c + 2]);
    } else {
      for (int x = 0; x < image.width; ++x) out[x] = in[x * c];
    }
  }
  return luma;
}

}  // namespace filmrecover
