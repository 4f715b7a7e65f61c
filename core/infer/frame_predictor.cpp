#include "core/infer/frame_predictor.h"

#include <mutex>

#include "core/color/ycbcr.h"
#include "core/dataset/channel_layout.h"
#include "core/dataset/training_pair.h"
#include "core/infer/tile_plan.h"
#include "core/model/compute.h"
#include "core/model/model_file.h"

namespace filmrecover {

namespace F = torch::nn::functional;

struct FramePredictor::Impl {
  InferSettings settings;
  mutable LoadedModel model;  // forward() is not const in LibTorch; guarded by `mutex`
  torch::Device device{torch::kCPU};
  bool bf16 = false;
  torch::MemoryFormat format = torch::MemoryFormat::Contiguous;
  mutable std::mutex mutex;  // one frame at a time: each run already uses every core

  // 1 x C x H x W (H, W multiples of 4) → 1 x outC x H x W float on the CPU.
  torch::Tensor run(const torch::Tensor& x) const {
    torch::InferenceMode guard;
    auto in = x.to(device).contiguous(format);
    return model.net->forward(in).to(torch::kFloat32).to(torch::kCPU).contiguous();
  }
};

FramePredictor::FramePredictor(const std::string& modelPath, const InferSettings& settings,
                               std::optional<RecoveryMode> expectedMode)
    : impl_(std::make_unique<Impl>()) {
  validateInferSettings(settings);
  impl_->settings = settings;
  impl_->model = loadModelFile(modelPath, expectedMode);
  configureTorchThreads(settings.threads);
  impl_->device = resolveDevice(settings.device);
  impl_->bf16 = usesBFloat16(settings.precision, impl_->device);
  impl_->format = activationFormat(impl_->bf16, impl_->device);
  impl_->model.net->eval();
  // bf16 weights once, instead of autocast casting them at every layer of every tile; the
  // network's output correction is still added to the float32 input (RecoveryNet::forward).
  impl_->model.net->to(impl_->device, impl_->bf16 ? torch::kBFloat16 : torch::kFloat32);
  if (impl_->format == torch::MemoryFormat::ChannelsLast) {
    torch::NoGradGuard g;
    for (auto& p : impl_->model.net->parameters())
      if (p.dim() == 4) p.set_data(p.data().contiguous(impl_->format));
  }
}

FramePredictor::~FramePredictor() = default;

const ModelInfo& FramePredictor::info() const { return impl_->model.info; }
const InferSettings& FramePredictor::settings() const { return impl_->settings; }

Image FramePredictor::predict(const Image& input, bool tiled) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const int C = input.channels, H = input.height, W = input.width;
  const int outC = outputChannelCount(impl_->model.info.mode);
  // Interleaved HWC → 1 x C x H x W, padded (edge pixels repeated) to multiples of 4.
  auto x = torch::from_blob(const_cast<float*>(input.pixels.data()), {H, W, C}, torch::kFloat32)
               .permute({2, 0, 1})
               .unsqueeze(0);
  const int Hp = (H + 3) / 4 * 4, Wp = (W + 3) / 4 * 4;
  // The HWC buffer seen as 1 x C x H x W is already channels-last: the bf16 path uses it as it
  // is, without an NCHW copy (run() makes it dense in the network's format).
  if (Hp != H || Wp != W)
    x = F::pad(x.contiguous(), F::PadFuncOptions({0, Wp - W, 0, Hp - H}).mode(torch::kReplicate));

  torch::Tensor out;
  const InferSettings& s = impl_->settings;
  if (!tiled || (Hp <= s.tileSize && Wp <= s.tileSize)) {
    out = impl_->run(x);
  } else {
    // Weighted accumulation of every tile's output; each tile's weights fade out over its
    // context band, so only pixels with full context count and seams cannot show.
    const auto ys = planTiles(Hp, std::min(s.tileSize, Hp), s.context, s.feather);
    const auto xs = planTiles(Wp, std::min(s.tileSize, Wp), s.context, s.feather);
    auto acc = torch::zeros({outC, Hp, Wp});
    auto wsum = torch::zeros({1, Hp, Wp});
    for (const auto& ty : ys)
      for (const auto& tx : xs) {
        const int th = static_cast<int>(ty.weight.size()), tw = static_cast<int>(tx.weight.size());
        auto tile = x.slice(2, ty.start, ty.start + th).slice(3, tx.start, tx.start + tw);
        auto o = impl_->run(tile)[0];
        auto wy = torch::from_blob(const_cast<float*>(ty.weight.data()), {th, 1});
        auto wx = torch::from_blob(const_cast<float*>(tx.weight.data()), {1, tw});
        auto w = (wy * wx).unsqueeze(0);
        acc.slice(1, ty.start, ty.start + th).slice(2, tx.start, tx.start + tw).add_(o * w);
        wsum.slice(1, ty.start, ty.start + th).slice(2, tx.start, tx.start + tw).add_(w);
      }
    out = (acc / wsum).unsqueeze(0);
  }
  // 1 x outC x Hp x Wp → interleaved H x W x outC.
  auto hwc = out[0].slice(1, 0, H).slice(2, 0, W).permute({1, 2, 0}).contiguous();
  Image result(W, H, outC);
  std::memcpy(result.pixels.data(), hwc.data_ptr<float>(), result.pixels.size() * sizeof(float));
  return result;
}

Image FramePredictor::processYcc(const Image& sourceYcc) const {
  const ModelInfo& info = impl_->model.info;
  const Image netYcc = info.pairSettings.clampHighlights
                           ? rgbToYCbCr(clampUnit(yCbCrToRgb(sourceYcc)))
                           : sourceYcc;
  Image prediction = predict(networkInput(netYcc, info.mode));
  const float mix = impl_->settings.mix;
  if (mix < 1.0f) {
    const auto channels = predictedYccChannels(info.mode);
    const int pc = prediction.channels, sc = sourceYcc.channels;
    for (size_t p = 0; p < prediction.pixelCount(); ++p)
      for (int k = 0; k < pc; ++k) {
        const float src = sourceYcc.pixels[p * sc + channels[k]];
        float& v = prediction.pixels[p * pc + k];
        v = src + mix * (v - src);
      }
  }
  return recombinePrediction(sourceYcc, prediction, info.mode);
}

Image FramePredictor::process(const Image& rgb) const {
  Image out = yCbCrToRgb(processYcc(rgbToYCbCr(rgb)));
  out.attributes = rgb.attributes;
  return out;
}

}  // namespace filmrecover
