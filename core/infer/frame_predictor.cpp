#include "core/infer/frame_predictor.h"

#include <algorithm>
#include <mutex>

#include "core/color/chroma_guide.h"
#include "core/color/ycbcr.h"
#include "core/dataset/channel_layout.h"
#include "core/dataset/training_pair.h"
#include "core/infer/tile_plan.h"
#include "core/infer/tile_size.h"
#include "core/model/compute.h"
#include "core/model/model_file.h"

namespace filmrecover {

namespace F = torch::nn::functional;

struct FramePredictor::Impl {
  InferSettings settings;
  mutable LoadedModel model;  // forward() is not const in LibTorch; guarded by `mutex`
  torch::Device device{torch::kCPU};
  torch::ScalarType compute = torch::kFloat32;
  torch::MemoryFormat format = torch::MemoryFormat::Contiguous;
  int tileSize = kCpuTileSize;
  mutable std::mutex mutex;  // one frame at a time: each run already uses every core

  // 1 x C x H x W (H, W multiples of 4) on the device → 1 x outC x H x W float32 there.
  torch::Tensor run(const torch::Tensor& x) const {
    torch::InferenceMode guard;
    return model.net->forward(x.contiguous(format)).to(torch::kFloat32);
  }
};

namespace {

// Device buffers of the whole frame while it is processed (input, padded copy, accumulator,
// weights, output) for the largest frame expected (4096 x 4096), kept out of the tile budget.
constexpr long long kFrameBytes = 4096LL * 4096 * 8 * 4;

int resolveTileSize(const InferSettings& s, const torch::Device& device, torch::ScalarType compute,
                    int width) {
  if (s.tileSize > 0) return s.tileSize;
  const long long free = device.is_cuda() ? cudaFreeMemory() : -1;
  if (free < 0) return kCpuTileSize;
  return tileSizeForMemory(free, kFrameBytes, width, compute == torch::kFloat32 ? 4 : 2);
}

}  // namespace

FramePredictor::FramePredictor(const std::string& modelPath, const InferSettings& settings,
                               std::optional<RecoveryMode> expectedMode)
    : impl_(std::make_unique<Impl>()) {
  validateInferSettings(settings);
  impl_->settings = settings;
  impl_->model = loadModelFile(modelPath, expectedMode);
  configureTorchThreads(settings.threads);
  impl_->device = resolveDevice(settings.device);
  impl_->compute = computeType(settings.precision, impl_->device);
  configureDeviceMath(impl_->device, impl_->compute);
  impl_->format = activationFormat(impl_->compute, impl_->device);
  impl_->tileSize = resolveTileSize(settings, impl_->device, impl_->compute, impl_->model.info.width);
  impl_->model.net->eval();
  // Weights converted once (bf16/fp16), instead of autocast casting them at every layer of
  // every tile; the network's output correction is still added to the float32 input
  // (RecoveryNet::forward).
  impl_->model.net->to(impl_->device, impl_->compute);
  if (impl_->format == torch::MemoryFormat::ChannelsLast) {
    torch::NoGradGuard g;
    for (auto& p : impl_->model.net->parameters())
      if (p.dim() == 4) p.set_data(p.data().contiguous(impl_->format));
  }
}

FramePredictor::~FramePredictor() = default;

const ModelInfo& FramePredictor::info() const { return impl_->model.info; }
const InferSettings& FramePredictor::settings() const { return impl_->settings; }
bool FramePredictor::sealed() const { return impl_->model.sealed; }
int FramePredictor::tileSize() const { return impl_->tileSize; }

Image FramePredictor::predict(const Image& input, bool tiled) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const int C = input.channels, H = input.height, W = input.width;
  const int outC = outputChannelCount(impl_->model.info.mode);
  const torch::Device& device = impl_->device;
  // Interleaved HWC → 1 x C x H x W, padded (edge pixels repeated) to multiples of the
  // network's size multiple (4 for the 3-level U-Net). On a GPU
  // the frame goes up once, as it is, through pinned memory (an asynchronous copy); the
  // conversions and the tile blending run there, and one copy brings the result back.
  auto hwc = torch::from_blob(const_cast<float*>(input.pixels.data()), {H, W, C}, torch::kFloat32);
  if (!device.is_cpu()) hwc = hwc.pin_memory().to(device, /*non_blocking=*/true);
  auto x = hwc.permute({2, 0, 1}).unsqueeze(0);
  const int m = impl_->model.net->sizeMultiple();
  const int Hp = (H + m - 1) / m * m, Wp = (W + m - 1) / m * m;
  // The HWC buffer seen as 1 x C x H x W is already channels-last: the bf16 path uses it as it
  // is, without an NCHW copy (run() makes it dense in the network's format).
  if (Hp != H || Wp != W)
    x = F::pad(x.contiguous(), F::PadFuncOptions({0, Wp - W, 0, Hp - H}).mode(torch::kReplicate));

  torch::Tensor out;
  const InferSettings& s = impl_->settings;
  const int tileSize = impl_->tileSize;
  if (!tiled || (Hp <= tileSize && Wp <= tileSize)) {
    out = impl_->run(x);
  } else {
    // Weighted accumulation of every tile's output; each tile's weights fade out over its
    // context band, so only pixels with full context count and seams cannot show.
    // A deeper U-Net sees further: its tiles keep a context band to match (32 px covers the
    // 3-level network's receptive radius of 29 px; each level more doubles it).
    const int context = std::max(s.context, 32 * m / 4);
    const auto ys = planTiles(Hp, std::min(tileSize, Hp), context, s.feather, m);
    const auto xs = planTiles(Wp, std::min(tileSize, Wp), context, s.feather, m);
    const auto options = torch::TensorOptions().dtype(torch::kFloat32).device(device);
    auto acc = torch::zeros({outC, Hp, Wp}, options);
    auto wsum = torch::zeros({1, Hp, Wp}, options);
    for (const auto& ty : ys)
      for (const auto& tx : xs) {
        const int th = static_cast<int>(ty.weight.size()), tw = static_cast<int>(tx.weight.size());
        auto tile = x.slice(2, ty.start, ty.start + th).slice(3, tx.start, tx.start + tw);
        auto o = impl_->run(tile)[0];
        auto wy = torch::from_blob(const_cast<float*>(ty.weight.data()), {th, 1}).to(device);
        auto wx = torch::from_blob(const_cast<float*>(tx.weight.data()), {1, tw}).to(device);
        auto w = (wy * wx).unsqueeze(0);
        acc.slice(1, ty.start, ty.start + th).slice(2, tx.start, tx.start + tw).add_(o * w);
        wsum.slice(1, ty.start, ty.start + th).slice(2, tx.start, tx.start + tw).add_(w);
      }
    out = (acc / wsum).unsqueeze(0);
  }
  // 1 x outC x Hp x Wp → interleaved H x W x outC.
  const auto outHwc = out[0].slice(1, 0, H).slice(2, 0, W).permute({1, 2, 0});
  Image result(W, H, outC);
  auto host = torch::from_blob(result.pixels.data(), {H, W, outC}, torch::kFloat32);
  if (device.is_cpu()) {
    host.copy_(outHwc);
  } else {
    // Device → pinned host memory runs at full bus speed; the last copy is host to host.
    auto pinned = torch::empty({H, W, outC}, torch::TensorOptions().dtype(torch::kFloat32).pinned_memory(true));
    pinned.copy_(outHwc);
    host.copy_(pinned);
  }
  return result;
}

Image FramePredictor::processYcc(const Image& sourceYcc) const {
  const ModelInfo& info = impl_->model.info;
  const Image netYcc = info.pairSettings.clampHighlights
                           ? rgbToYCbCr(clampUnit(yCbCrToRgb(sourceYcc)))
                           : sourceYcc;
  Image out = recombinePrediction(sourceYcc, predict(networkInput(netYcc, info.mode)), info.mode);
  // The recovered colour follows the output's luma edges (chroma_guide.h), before any mix,
  // so that mix 0 still gives the source.
  if (guidesChroma()) guideChromaByLuma(out, impl_->settings.chromaGuide);
  const float mix = impl_->settings.mix;
  if (mix < 1.0f) {
    const auto channels = predictedYccChannels(info.mode);
    const int sc = sourceYcc.channels;
    for (size_t p = 0; p < out.pixelCount(); ++p)
      for (int c : channels) {
        const float src = sourceYcc.pixels[p * sc + c];
        float& v = out.pixels[p * 3 + c];
        v = src + mix * (v - src);
      }
  }
  return out;
}

bool FramePredictor::guidesChroma() const {
  return impl_->settings.chromaGuide.radius > 0 && impl_->model.info.mode != RecoveryMode::Spatial;
}

Image FramePredictor::process(const Image& rgb) const {
  Image out = yCbCrToRgb(processYcc(rgbToYCbCr(rgb)));
  out.attributes = rgb.attributes;
  return out;
}

}  // namespace filmrecover
