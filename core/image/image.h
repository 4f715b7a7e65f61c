#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace filmrecover {

//! Free-form attributes carried with an image (OIIO attribute names as keys, e.g.
//! "oiio:ColorSpace", "filmrecover:model"); values kept as text so they survive every format.
using ImageAttributes = std::map<std::string, std::string>;

//! A frame in memory: float pixels, interleaved, row-major, top row first.
//! Colour values are display-referred [0,1] unless a caller says otherwise.
struct Image {
  int width = 0;
  int height = 0;
  int channels = 3;
  std::vector<float> pixels;
  ImageAttributes attributes;

  Image() = default;
  Image(int w, int h, int c, float fill = 0.0f)
      : width(w), height(h), channels(c), pixels(static_cast<size_t>(w) * h * c, fill) {}

  //! True when the image holds no pixels.
  bool empty() const { return pixels.empty(); }
  //! Number of pixels (not values).
  size_t pixelCount() const { return static_cast<size_t>(width) * height; }
  //! Index of channel c of pixel (x, y) in `pixels`.
  size_t index(int x, int y, int c = 0) const {
    return (static_cast<size_t>(y) * width + x) * channels + c;
  }
  float& at(int x, int y, int c) { return pixels[index(x, y, c)]; }
  float at(int x, int y, int c) const { return pixels[index(x, y, c)]; }
};

//! An axis-aligned rectangle in pixel coordinates; x1/y1 exclusive.
struct Rect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  bool operator==(const Rect& o) const {
    return x0 == o.x0 && y0 == o.y0 && x1 == o.x1 && y1 == o.y1;
  }
};

}  // namespace filmrecover
