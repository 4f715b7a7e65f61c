#include "core/dataset/crop_sampler.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/exec/errors.h"

namespace filmrecover {

CropSampler::CropSampler(const std::vector<TrainingPair>& pairs, int crop,
                         AugmentationSettings augmentation, std::uint64_t seed)
    : pairs_(pairs), crop_(crop), aug_(augmentation), rng_(seed) {
  if (crop <= 0) throw InputError("the crop size must be positive.");
  if (pairs.empty()) throw InputError("no training pairs to sample crops from.");
  for (const auto& p : pairs)
    if (p.input.width < crop || p.input.height < crop)
      throw InputError("frame " + std::to_string(p.frame) + ": the valid area " +
                       std::to_string(p.input.width) + "x" + std::to_string(p.input.height) +
                       " is smaller than the crop size " + std::to_string(crop) +
                       "; use a smaller --crop.");
}

double CropSampler::uniform() {
  // 53 random bits → [0,1); independent of the standard library's distribution code.
  return static_cast<double>(rng_() >> 11) * (1.0 / 9007199254740992.0);
}

CropBatch CropSampler::next(int batch) { return next(batch, 0, 1); }

CropBatch CropSampler::next(int batch, int shareIndex, int shareCount) {
  const int mine = (batch - shareIndex + shareCount - 1) / shareCount;
  CropBatch b;
  b.count = mine;
  b.inputChannels = pairs_.front().input.channels;
  b.targetChannels = pairs_.front().target.channels;
  b.height = b.width = crop_;
  b.input.resize(static_cast<size_t>(mine) * b.inputChannels * crop_ * crop_);
  b.target.resize(static_cast<size_t>(mine) * b.targetChannels * crop_ * crop_);
  for (int i = 0; i < batch; ++i) {
    const CropDraw d = draw();
    if (i % shareCount == shareIndex) sampleInto(d, b, i / shareCount);
  }
  return b;
}

namespace {

// Bilinear sample of channel c at (x, y) in pixel-centre coordinates, clamped to the image.
float bilinear(const Image& im, double x, double y, int c) {
  x = std::clamp(x, 0.0, im.width - 1.0);
  y = std::clamp(y, 0.0, im.height - 1.0);
  const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  const int x1 = std::min(x0 + 1, im.width - 1), y1 = std::min(y0 + 1, im.height - 1);
  const float fx = static_cast<float>(x - x0), fy = static_cast<float>(y - y0);
  const float top = im.at(x0, y0, c) * (1 - fx) + im.at(x1, y0, c) * fx;
  const float bottom = im.at(x0, y1, c) * (1 - fx) + im.at(x1, y1, c) * fx;
  return top * (1 - fy) + bottom * fy;
}

// Writes `im` sampled on the grid (ox + sx*(i+0.5) - 0.5, ...) into planar `dst`.
void resampleInto(const Image& im, double ox, double oy, double scale, bool flip, float gain,
                  int crop, bool exact, float* dst) {
  const int C = im.channels;
  for (int c = 0; c < C; ++c) {
    float* plane = dst + static_cast<size_t>(c) * crop * crop;
    for (int y = 0; y < crop; ++y) {
      for (int x = 0; x < crop; ++x) {
        const int xs = flip ? crop - 1 - x : x;
        float v;
        if (exact) {
          v = im.at(static_cast<int>(ox) + xs, static_cast<int>(oy) + y, c);
        } else {
          v = bilinear(im, ox + scale * (xs + 0.5) - 0.5, oy + scale * (y + 0.5) - 0.5, c);
        }
        plane[static_cast<size_t>(y) * crop + x] = v * gain;
      }
    }
  }
}

}  // namespace

CropDraw CropSampler::draw() {
  CropDraw d;
  d.pair = std::min(pairs_.size() - 1, static_cast<size_t>(uniform() * pairs_.size()));
  const TrainingPair& pair = pairs_[d.pair];
  const int W = pair.input.width, H = pair.input.height;
  if (aug_.scaleJitter > 0) {
    d.scale = 1.0 + (2 * uniform() - 1) * aug_.scaleJitter;
    d.scale = std::min(d.scale, std::min(W, H) / static_cast<double>(crop_));
  }
  const double span = crop_ * d.scale;
  d.ox = uniform() * (W - span);
  d.oy = uniform() * (H - span);
  const bool subpixel = aug_.subpixelTranslate || aug_.scaleJitter > 0;
  d.exact = !subpixel || d.scale == 1.0;
  if (d.exact) {
    d.ox = std::floor(d.ox);
    d.oy = std::floor(d.oy);
  }
  d.flip = aug_.horizontalFlip && uniform() < 0.5;
  d.gain = aug_.exposure > 0 ? static_cast<float>(1.0 + (2 * uniform() - 1) * aug_.exposure) : 1.0f;
  return d;
}

void CropSampler::sampleInto(const CropDraw& d, CropBatch& out, int slot) const {
  const TrainingPair& pair = pairs_[d.pair];
  const size_t area = static_cast<size_t>(crop_) * crop_;
  resampleInto(pair.input, d.ox, d.oy, d.scale, d.flip, d.gain, crop_, d.exact,
               out.input.data() + slot * out.inputChannels * area);
  resampleInto(pair.target, d.ox, d.oy, d.scale, d.flip, d.gain, crop_, d.exact,
               out.target.data() + slot * out.targetChannels * area);
}

std::string CropSampler::saveState() const {
  std::ostringstream s;
  s << rng_;
  return s.str();
}

void CropSampler::loadState(const std::string& state) {
  std::istringstream s(state);
  s >> rng_;
  if (!s) throw InputError("the checkpoint holds a damaged crop-sampler state.");
}

CropBatch extractCrop(const TrainingPair& pair, int x0, int y0, int width, int height) {
  CropBatch b;
  b.count = 1;
  b.inputChannels = pair.input.channels;
  b.targetChannels = pair.target.channels;
  b.width = width;
  b.height = height;
  auto copy = [&](const Image& im, std::vector<float>& dst) {
    dst.resize(static_cast<size_t>(im.channels) * width * height);
    for (int c = 0; c < im.channels; ++c)
      for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
          dst[(static_cast<size_t>(c) * height + y) * width + x] = im.at(x0 + x, y0 + y, c);
  };
  copy(pair.input, b.input);
  copy(pair.target, b.target);
  return b;
}

void appendEvaluationCrops(const TrainingPair& pair, int size, int maxTiles,
                           std::vector<CropBatch>& out, int multiple) {
  const int W = pair.input.width, H = pair.input.height;
  // The U-Net pools levels-1 times: sizes are kept multiples of 2^(levels-1).
  const int cw = std::min(size, W) / multiple * multiple, ch = std::min(size, H) / multiple * multiple;
  if (cw <= 0 || ch <= 0) return;
  const int nx = std::max(1, std::min(maxTiles, W / cw)), ny = std::max(1, std::min(maxTiles, H / ch));
  int added = 0;
  for (int j = 0; j < ny && added < maxTiles; ++j)
    for (int i = 0; i < nx && added < maxTiles; ++i, ++added) {
      const int x0 = nx == 1 ? (W - cw) / 2 : i * (W - cw) / (nx - 1);
      const int y0 = ny == 1 ? (H - ch) / 2 : j * (H - ch) / (ny - 1);
      out.push_back(extractCrop(pair, x0, y0, cw, ch));
    }
}

}  // namespace filmrecover
