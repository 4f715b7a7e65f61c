// Geometric degradations: letterbox, reframing, rescale, field interlace.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/opencv/image_mat.h"
#include "core/synth/degrade.h"

namespace filmrecover::synth {

Image degradeLetterbox(const Image& image, double aspect, int* pictureY0, int* pictureY1) {
  Image out = image;
  const int pictureH = std::min(image.height, static_cast<int>(std::lround(image.width / aspect)));
  const int y0 = (image.height - pictureH) / 2, y1 = y0 + pictureH;
  for (int y = 0; y < image.height; ++y)
    if (y < y0 || y >= y1)
      for (int x = 0; x < image.width; ++x)
        for (int c = 0; c < image.channels; ++c) out.at(x, y, c) = 0.0f;
  if (pictureY0) *pictureY0 = y0;
  if (pictureY1) *pictureY1 = y1;
  return out;
}

Image degradeWarp(const Image& image, const cv::Matx33d& outputToInput, int width, int height) {
  cv::Mat in = toRgbMat(image), out;
  cv::warpPerspective(in, out, cv::Mat(outputToInput), cv::Size(width, height),
                      cv::INTER_CUBIC | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT, cv::Scalar(0, 0, 0));
  cv::min(cv::max(out, 0.0), 1.0, out);
  Image result = fromMat(out);
  result.attributes = image.attributes;
  return result;
}

Image degradeResize(const Image& image, int width, int height) {
  cv::Mat in = toRgbMat(image), out;
  const bool shrink = width < image.width || height < image.height;
  cv::resize(in, out, cv::Size(width, height), 0, 0, shrink ? cv::INTER_AREA : cv::INTER_CUBIC);
  cv::min(cv::max(out, 0.0), 1.0, out);
  Image result = fromMat(out);
  result.attributes = image.attributes;
  return result;
}

Image interlaceFields(const Image& a, const Image& b) {
  Image out = a;
  for (int y = 1; y < a.height; y += 2)
    std::copy(b.pixels.begin() + b.index(0, y), b.pixels.begin() + b.index(0, y + 1) ,
              out.pixels.begin() + out.index(0, y));
  return out;
}

cv::Matx33d reframeMatrix(int width, int height, double scale, double rotationDegrees, double tx,
                          double ty) {
  const double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
  const double a = rotationDegrees * M_PI / 180.0;
  const double c = scale * std::cos(a), s = scale * std::sin(a);
  // p' = R (p - centre) + centre + t
  return cv::Matx33d(c, -s, cx - c * cx + s * cy + tx,
                     s, c, cy - s * cx - c * cy + ty,
                     0, 0, 1);
}

cv::Matx33d resizeMatrix(int fromW, int fromH, int toW, int toH) {
  const double sx = double(toW) / fromW, sy = double(toH) / fromH;
  // Pixel centres: x' + 0.5 = (x + 0.5) * sx.
  return cv::Matx33d(sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5, 0, 0, 1);
}

}  // namespace filmrecover::synth
