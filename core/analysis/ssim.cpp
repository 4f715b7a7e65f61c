#include "core/analysis/ssim.h"

#include <opencv2/quality/qualityssim.hpp>

#include "core/exec/errors.h"
#include "core/opencv/image_mat.h"

namespace filmrecover::analysis {

double ssim(const Image& a, const Image& b) {
  if (a.width != b.width || a.height != b.height || a.channels != b.channels || a.empty())
    throw InputError("SSIM needs two images of the same size and channels (" + std::to_string(a.width) + "x" +
                     std::to_string(a.height) + " and " + std::to_string(b.width) + "x" +
                     std::to_string(b.height) + ").");
  // OpenCV's constants assume a data range of 255 (C1 = (0.01 * 255)^2): scale to match,
  // in double so the map is accurate to well below 1e-6.
  cv::Mat ma, mb, map;
  matView(a).convertTo(ma, CV_64F, 255.0);
  matView(b).convertTo(mb, CV_64F, 255.0);
  cv::quality::QualitySSIM::compute(ma, mb, map);
  constexpr int kBorder = 5;  // half the 11-tap window
  cv::Mat inner = map;
  if (a.width > 2 * kBorder && a.height > 2 * kBorder)
    inner = map(cv::Rect(kBorder, kBorder, a.width - 2 * kBorder, a.height - 2 * kBorder));
  const cv::Scalar perChannel = cv::mean(inner);
  double sum = 0.0;
  for (int c = 0; c < a.channels && c < 4; ++c) sum += perChannel[c];
  return sum / std::min(a.channels, 4);
}

}  // namespace filmrecover::analysis
