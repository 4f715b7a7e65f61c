#include "core/synth/frame_file.h"

#include <filesystem>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"
#include "core/opencv/image_mat.h"

namespace filmrecover::synth {

void writeImageFile(const std::string& path, const Image& image, int jpegQuality) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  const std::string ext = target.extension().string();
  const bool jpeg = ext == ".jpg" || ext == ".jpeg";
  cv::Mat rgb = toRgbMat(image), bgr, out;
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
