#include "core/train/preview_strip.h"

#include <algorithm>

#include "core/color/ycbcr.h"
#include "core/dataset/channel_layout.h"

namespace filmrecover {

namespace {

Image planarToImage(const float* planes, int channels, int height, int width) {
  Image im(width, height, channels);
  const size_t area = static_cast<size_t>(height) * width;
  for (int c = 0; c < channels; ++c)
    for (size_t p = 0; p < area; ++p) im.pixels[p * channels + c] = planes[c * area + p];
  return im;
}

}  // namespace

PreviewEvent makePreview(long long step, int frame, RecoveryMode mode, const float* input,
                         const float* target, const float* output, int height, int width) {
  const int inC = inputChannelCount(mode), outC = outputChannelCount(mode);
  Image in = planarToImage(input, inC, height, width);
  Image sourceYcc(width, height, 3);
  for (size_t p = 0; p < sourceYcc.pixelCount(); ++p)
    for (int c = 0; c < inC; ++c) sourceYcc.pixels[p * 3 + c] = in.pixels[p * inC + c];
  PreviewEvent e;
  e.step = step;
  e.frame = frame;
  e.input = yCbCrToRgb(sourceYcc);
  e.target = yCbCrToRgb(recombinePrediction(sourceYcc, planarToImage(target, outC, height, width), mode));
  e.output = yCbCrToRgb(recombinePrediction(sourceYcc, planarToImage(output, outC, height, width), mode));
  return e;
}

Image previewStrip(const PreviewEvent& e) {
  const int w = e.input.width, h = e.input.height;
  Image strip(3 * w, h, 3);
  const Image* parts[3] = {&e.input, &e.target, &e.output};
  for (int i = 0; i < 3; ++i)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        for (int c = 0; c < 3; ++c)
          strip.at(i * w + x, y, c) = std::clamp(parts[i]->at(x, y, c), 0.0f, 1.0f);
  return strip;
}

}  // namespace filmrecover
