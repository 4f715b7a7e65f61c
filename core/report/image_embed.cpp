#include "core/report/image_embed.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/exec/errors.h"

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
  cv::Mat bgr(image.height, image.width, CV_8UC3);
  for (int y = 0; y < image.height; ++y) {
    auto* row = bgr.ptr<cv::Vec3b>(y);
    for (int x = 0; x < image.width; ++x) {
      const float* p = &image.pixels[image.index(x, y)];
      for (int c = 0; c < 3; ++c) row[x][2 - c] = cv::saturate_cast<uchar>(p[c] * 255.0f + 0.5f);
    }
  }
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
