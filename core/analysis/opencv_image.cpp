#include "core/analysis/opencv_image.h"

#include "core/color/ycbcr.h"

namespace filmrecover::analysis {

cv::Mat lumaMat(const Image& image) {
  cv::Mat y(image.height, image.width, CV_32FC1);
  for (int row = 0; row < image.height; ++row) {
    float* out = y.ptr<float>(row);
    for (int x = 0; x < image.width; ++x) {
      const float* p = &image.pixels[image.index(x, row)];
      out[x] = luma709(p[0], p[1], p[2]);
    }
  }
  return y;
}

}  // namespace filmrecover::analysis
