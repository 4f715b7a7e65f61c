#include "core/synth/image_mat.h"

#include <cstring>
#include <filesystem>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"

namespace filmrecover::synth {

cv::Mat toMat(const Image& image) {
  const int type = image.channels == 1 ? CV_32FC1 : CV_32FC3;
  cv::Mat mat(image.height, image.width, type);
  if (image.channels == 1 || image.channels == 3) {
    std::memcpy(mat.data, image.pixels.data(), image.pixels.size() * sizeof(float));
    return mat;
  }
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      for (int c = 0; c < 3; ++c)
        mat.ptr<float>(y)[x * 3 + c] = image.at(x, y, std::min(c, image.channels - 1));
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

void writeImageFile(const std::string& path, const Image& image, int jpegQuality) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  const std::string ext = target.extension().string();
  const bool jpeg = ext == ".jpg" || ext == ".jpeg";
  cv::Mat rgb = toMat(image), bgr, out;
  if (rgb.channels() == 3) cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR); else bgr = rgb;
  if (jpeg)
    bgr.convertTo(out, CV_8U, 255.0);
  else
    bgr.convertTo(out, CV_16U, 65535.0);
  std::vector<unsigned char> bytes;
  std::vector<int> params;
  if (jpeg) params = {cv::IMWRITE_JPEG_QUALITY, jpegQuality};
  if (!cv::imencode(jpeg ? ".jpg" : ".png", out, bytes, params))
    throw RunError("Could not encode " + path + ".");
  writeFileAtomic(path, std::string(bytes.begin(), bytes.end()), false, Durability::RenameOnly);
}

}  // namespace filmrecover::synth
