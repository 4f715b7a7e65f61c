#include "core/dataset/device_crops.h"

#include <algorithm>

namespace filmrecover {

namespace {

// An interleaved H x W x C image as a C x H x W tensor: a view of its pixels on the CPU, a copy
// on another device. The pixels must outlive the view.
torch::Tensor planarView(const Image& im, const torch::Device& device) {
  auto t = torch::from_blob(const_cast<float*>(im.pixels.data()), {im.height, im.width, im.channels},
                            torch::kFloat32)
               .permute({2, 0, 1});
  return device.is_cpu() ? t : t.contiguous().to(device);
}

// Index and weight rows of one crop along one axis, computed on the host in double exactly as
// CropSampler's host resampling does: {i0, i1} and w (the weight of i1).
void axis(double origin, double scale, int crop, int size, bool flip, bool exact, int64_t* i0,
          int64_t* i1, float* w) {
  for (int i = 0; i < crop; ++i) {
    const int s = flip ? crop - 1 - i : i;
    if (exact) {
      i0[i] = i1[i] = static_cast<int>(origin) + s;
      w[i] = 0;
      continue;
    }
    const double p = std::clamp(origin + scale * (s + 0.5) - 0.5, 0.0, size - 1.0);
    const int p0 = static_cast<int>(p);
    i0[i] = p0;
    i1[i] = std::min(p0 + 1, size - 1);
    w[i] = static_cast<float>(p - p0);
  }
}

// The crop of `frame` (C x H x W) at rows {y0,y1}/fy and columns {x0,x1}/fx (1-D tensors on
// the frame's device), with the host path's arithmetic: top = a*(1-fx) + b*fx, bottom alike,
// v = top*(1-fy) + bottom*fy, times gain; exact crops are a plain gather times gain.
torch::Tensor render(const torch::Tensor& frame, const torch::Tensor& y0, const torch::Tensor& y1,
                     const torch::Tensor& fy, const torch::Tensor& x0, const torch::Tensor& x1,
                     const torch::Tensor& fx, int64_t xlo, int64_t xspan, bool exact, float gain) {
  // Only the columns the crop touches, so a row gather does not copy whole frame rows.
  const auto cols = frame.narrow(2, xlo, xspan);
  auto top = cols.index_select(1, y0);
  if (exact) return top.index_select(2, x0) * gain;
  auto bottom = cols.index_select(1, y1);
  const auto wx = fx.view({1, 1, -1}), wy = fy.view({1, -1, 1});
  auto rowTop = top.index_select(2, x0) * (1 - wx) + top.index_select(2, x1) * wx;
  auto rowBottom = bottom.index_select(2, x0) * (1 - wx) + bottom.index_select(2, x1) * wx;
  return (rowTop * (1 - wy) + rowBottom * wy) * gain;
}

}  // namespace

DeviceCrops::DeviceCrops(CropSampler& sampler, const torch::Device& device, torch::MemoryFormat format,
                         CropRendering rendering)
    : sampler_(sampler), device_(device), format_(format),
      tensor_(rendering == CropRendering::Tensor || (rendering == CropRendering::Auto && !device.is_cpu())) {
  if (!tensor_) return;
  for (const auto& p : sampler.pairs()) {
    inputs_.push_back(planarView(p.input, device));
    targets_.push_back(planarView(p.target, device));
  }
}

std::pair<torch::Tensor, torch::Tensor> DeviceCrops::next(int batch) { return next(batch, 0, 1); }

std::pair<torch::Tensor, torch::Tensor> DeviceCrops::next(int batch, int shareIndex, int shareCount) {
  if (!tensor_) {
    CropBatch b = sampler_.next(batch, shareIndex, shareCount);
    auto owned = [&](std::vector<float>& v, int channels) {
      // The batch's vectors die here: the tensor must own its pixels. Always a copy: a
      // one-channel batch (spatial mode) is already "channels-last contiguous", so
      // contiguous(ChannelsLast) handed back a view of the dying vector (bf16 training on a
      // CPU then read freed memory: losses of 1e33, NaN).
      return torch::from_blob(v.data(), {b.count, channels, b.height, b.width}, torch::kFloat32)
          .clone(format_)
          .to(device_);
    };
    return {owned(b.input, b.inputChannels), owned(b.target, b.targetChannels)};
  }
  // Every crop of the batch is drawn (the sampler moves as one process's would); this
  // process renders its share.
  std::vector<CropDraw> all(batch);
  for (auto& d : all) d = sampler_.draw();
  batch = (batch - shareIndex + shareCount - 1) / shareCount;
  const int crop = sampler_.crop();
  std::vector<CropDraw> draws(batch);
  // All coordinates of the batch in two small host tensors, one upload each.
  auto index = torch::empty({batch, 4, crop}, torch::kInt64);
  auto weight = torch::empty({batch, 2, crop}, torch::kFloat32);
  std::vector<int64_t> xlo(batch), xspan(batch);
  for (int b = 0; b < batch; ++b) {
    const CropDraw& d = draws[b] = all[static_cast<size_t>(b) * shareCount + shareIndex];
    const Image& im = sampler_.pairs()[d.pair].input;
    int64_t* ix = index[b].data_ptr<int64_t>();
    float* w = weight[b].data_ptr<float>();
    axis(d.oy, d.scale, crop, im.height, false, d.exact, ix, ix + crop, w);
    axis(d.ox, d.scale, crop, im.width, d.flip, d.exact, ix + 2 * crop, ix + 3 * crop, w + crop);
    const auto cols = index[b].slice(0, 2, 4);
    xlo[b] = cols.min().item<int64_t>();
    xspan[b] = cols.max().item<int64_t>() - xlo[b] + 1;
    index[b].slice(0, 2, 4).sub_(xlo[b]);
  }
  const auto dIndex = index.to(device_), dWeight = weight.to(device_);
  std::vector<torch::Tensor> in(batch), out(batch);
  for (int b = 0; b < batch; ++b) {
    const CropDraw& d = draws[b];
    const auto ix = dIndex[b], w = dWeight[b];
    in[b] = render(inputs_[d.pair], ix[0], ix[1], w[0], ix[2], ix[3], w[1], xlo[b], xspan[b], d.exact, d.gain);
    out[b] = render(targets_[d.pair], ix[0], ix[1], w[0], ix[2], ix[3], w[1], xlo[b], xspan[b], d.exact, d.gain);
  }
  return {torch::stack(in).contiguous(format_), torch::stack(out).contiguous(format_)};
}

}  // namespace filmrecover
