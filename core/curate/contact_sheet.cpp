#include "core/curate/contact_sheet.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "core/opencv/image_mat.h"

namespace filmrecover::curate {
namespace {

cv::Mat thumbnail(const Image& img, int width, int height) {
  if (img.empty()) return cv::Mat(height, width, CV_32FC3, cv::Scalar(0.1, 0.1, 0.1));
  cv::Mat m = toRgbMat(img);
  if (m.channels() == 1) cv::cvtColor(m, m, cv::COLOR_GRAY2RGB);
  cv::Mat out;
  cv::resize(m, out, cv::Size(width, height), 0, 0, cv::INTER_AREA);
  return out;
}

cv::Scalar roleColour(const std::string& role) {
  if (role == "train") return {0.15, 0.75, 0.25};
  if (role == "holdout") return {1.0, 0.6, 0.1};
  return {0.85, 0.15, 0.15};
}

}  // namespace

Image makeContactSheet(const std::vector<ContactTile>& tiles, int columns, int tileWidth) {
  columns = std::max(1, std::min<int>(columns, std::max<size_t>(1, tiles.size())));
  int aspectW = 16, aspectH = 9;
  for (const auto& t : tiles)
    if (!t.source.empty()) {
      aspectW = t.source.width;
      aspectH = t.source.height;
      break;
    }
  const int thumbH = std::max(8, tileWidth * aspectH / std::max(1, aspectW));
  const int border = 4, label = 18;
  const int tileH = 2 * thumbH + 2 * border + label + 2;
  const int tileW = tileWidth + 2 * border;
  const int rows = static_cast<int>((tiles.size() + columns - 1) / columns);
  cv::Mat sheet(std::max(1, rows) * (tileH + 6) + 6, columns * (tileW + 6) + 6, CV_32FC3, cv::Scalar(0.12, 0.12, 0.12));
  for (size_t i = 0; i < tiles.size(); ++i) {
    const int x = 6 + static_cast<int>(i % columns) * (tileW + 6);
    const int y = 6 + static_cast<int>(i / columns) * (tileH + 6);
    const auto& t = tiles[i];
    cv::rectangle(sheet, cv::Rect(x, y, tileW, tileH), roleColour(t.role), cv::FILLED);
    thumbnail(t.source, tileWidth, thumbH).copyTo(sheet(cv::Rect(x + border, y + border, tileWidth, thumbH)));
    thumbnail(t.aligned, tileWidth, thumbH)
        .copyTo(sheet(cv::Rect(x + border, y + border + thumbH + 2, tileWidth, thumbH)));
    cv::putText(sheet, std::to_string(t.frame) + " " + t.role, {x + border + 2, y + tileH - 5},
                cv::FONT_HERSHEY_SIMPLEX, 0.45, cv::Scalar(0.02, 0.02, 0.02), 1, cv::LINE_AA);
  }
  return fromMat(sheet);
}

}  // namespace filmrecover::curate
