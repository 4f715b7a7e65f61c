#include "core/dataset/channel_layout.h"

#include <stdexcept>

namespace filmrecover {

std::vector<int> predictedYccChannels(RecoveryMode mode) {
  switch (mode) {
    case RecoveryMode::Chroma: return {1, 2};
    case RecoveryMode::Spatial: return {0};
    case RecoveryMode::Combined: return {0, 1, 2};
  }
  return {};
}

std::vector<int> residualInputChannels(RecoveryMode mode) {
  // Spatial input is Y alone, so its Y sits at input channel 0; the other modes see Y,Cb,Cr.
  return predictedYccChannels(mode);
}

Image selectChannels(const Image& src, const std::vector<int>& from) {
  Image out(src.width, src.height, static_cast<int>(from.size()));
  const size_t n = src.pixelCount();
  const int sc = src.channels, dc = out.channels;
  for (size_t p = 0; p < n; ++p)
    for (int c = 0; c < dc; ++c) out.pixels[p * dc + c] = src.pixels[p * sc + from[c]];
  return out;
}

Image networkInput(const Image& sourceYcc, RecoveryMode mode) {
  if (mode == RecoveryMode::Spatial) return selectChannels(sourceYcc, {0});
  return selectChannels(sourceYcc, {0, 1, 2});
}

Image networkTarget(const Image& chromaYcc, const Image* detailYcc, RecoveryMode mode) {
  switch (mode) {
    case RecoveryMode::Chroma: return selectChannels(chromaYcc, {1, 2});
    case RecoveryMode::Spatial: return selectChannels(chromaYcc, {0});
    case RecoveryMode::Combined: {
      Image t = selectChannels(chromaYcc, {0, 1, 2});
      if (detailYcc) {
        if (detailYcc->width != t.width || detailYcc->height != t.height)
          throw std::invalid_argument("detail target size differs from chroma target size");
        for (size_t p = 0; p < t.pixelCount(); ++p)
          t.pixels[p * 3] = detailYcc->pixels[p * detailYcc->channels];
      }
      return t;
    }
  }
  return {};
}

Image recombinePrediction(const Image& sourceYcc, const Image& prediction, RecoveryMode mode) {
  Image out(sourceYcc.width, sourceYcc.height, 3);
  out.attributes = sourceYcc.attributes;
  const auto predicted = predictedYccChannels(mode);
  const size_t n = out.pixelCount();
  const int sc = sourceYcc.channels, pc = prediction.channels;
  for (size_t p = 0; p < n; ++p) {
    for (int c = 0; c < 3; ++c) out.pixels[p * 3 + c] = sourceYcc.pixels[p * sc + c];
    for (int k = 0; k < pc; ++k) out.pixels[p * 3 + predicted[k]] = prediction.pixels[p * pc + k];
  }
  return out;
}

}  // namespace filmrecover
