#include "core/report/image_embed.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/exec/errors.h"
#include "core/opencv/image_mat.h"

namespace filmrecover::report {

std::string base64Encode(const unsigned char* data, size_t size) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((size + 2) / 3 * 4);
  for (size_t i = 0; i < size; i += 3) {
    const unsigned v = (static_cast<unsigned>(data[i]) << 16) | (i + 1 < size ? data[i + 1] << 8 : 0) |
                       (i + 2 < size ? data[i + 2] : 0);
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += i + 1 < size ? table[(v >> 6) & 63] : '=';
    out += i + 2 < size ? table[v & 63] : '=';
  }
  return out;
}

std::string imageDataUri(const Image& image, EmbedFormat format, int maxWidth) {
  if (image.empty() || image.channels < 3) throw RunError("an image for the report is empty or not RGB.");
  // 8-bit with rounding and clipping, then B, G, R for imencode.
  cv::Mat rgb8, bgr;
  toRgbMat(image).convertTo(rgb8, CV_8U, 255.0);
  cv::cvtColor(rgb8, bgr, cv::COLOR_RGB2BGR);
  if (maxWidth > 0 && image.width > maxWidth) {
    cv::Mat small;
    const int h = std::max(1, static_cast<int>(std::lround(static_cast<double>(image.height) * maxWidth / image.width)));
    cv::resize(bgr, small, cv::Size(maxWidth, h), 0, 0, cv::INTER_AREA);
    bgr = small;
  }
  std::vector<uchar> bytes;
  const bool png = format == EmbedFormat::Png;
  const std::vector<int> params = png ? std::vector<int>{cv::IMWRITE_PNG_COMPRESSION, 6}
                                      : std::vector<int>{cv::IMWRITE_JPEG_QUALITY, 90};
  if (!cv::imencode(png ? ".png" : ".jpg", bgr, bytes, params)) throw RunError("an image for the report could not be encoded.");
  return std::string("data:image/") + (png ? "png" : "jpeg") + ";base64," + base64Encode(bytes.data(), bytes.size());
}

}  // namespace filmrecover::report
