#include <gtest/gtest.h>

#include <torch/torch.h>

#include "core/dataset/crop_sampler.h"
#include "core/dataset/device_crops.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

namespace {

std::vector<TrainingPair> pairs(RecoveryMode mode = RecoveryMode::Chroma) {
  std::vector<TrainingPair> out;
  for (int f = 1; f <= 3; ++f) {
    PairSettings s;
    s.mode = mode;
    s.clampHighlights = false;
    // Different sizes per frame, odd ones included: every clamp at the right and bottom edges.
    const int w = 70 + 9 * f, h = 51 + 5 * f;
    out.push_back(buildTrainingPair(f, test::makeTestPattern(w, h, f), test::makeTestPattern(w, h, f + 20),
                                    nullptr, s));
  }
  return out;
}

torch::Tensor planar(const std::vector<float>& v, int n, int c, int crop) {
  return torch::from_blob(const_cast<float*>(v.data()), {n, c, crop, crop}, torch::kFloat32).clone();
}

// The tensor path (what runs on a GPU, here on the CPU) draws the same crops as the host path,
// batch after batch, for the same seed; so does the host rendering DeviceCrops uses on the CPU.
void expectSameCrops(const AugmentationSettings& aug, std::uint64_t seed,
                     CropRendering rendering = CropRendering::Tensor) {
  const auto ps = pairs();
  const int crop = 40;
  CropSampler host(ps, crop, aug, seed), device(ps, crop, aug, seed);
  DeviceCrops crops(device, torch::kCPU, torch::MemoryFormat::ChannelsLast, rendering);
  for (int step = 0; step < 20; ++step) {
    const CropBatch b = host.next(4);
    const auto [x, y] = crops.next(4);
    ASSERT_TRUE(x.is_contiguous(torch::MemoryFormat::ChannelsLast));
    const auto hx = planar(b.input, 4, b.inputChannels, crop), hy = planar(b.target, 4, b.targetChannels, crop);
    ASSERT_EQ(x.sizes(), hx.sizes());
    ASSERT_EQ(y.sizes(), hy.sizes());
    EXPECT_LE((x - hx).abs().max().item<float>(), 1e-6f) << "step " << step;
    EXPECT_LE((y - hy).abs().max().item<float>(), 1e-6f) << "step " << step;
  }
  // Same generator state afterwards: a checkpoint of either path resumes the other.
  EXPECT_EQ(host.saveState(), device.saveState());
}

}  // namespace

TEST(DeviceCrops, EqualTheHostCropsWithEveryAugmentation) { expectSameCrops(AugmentationSettings{}, 3); }

TEST(DeviceCrops, EqualTheHostCropsWithoutAugmentation) {
  AugmentationSettings none;
  none.horizontalFlip = false;
  none.scaleJitter = 0;
  none.subpixelTranslate = false;
  none.exposure = 0;
  expectSameCrops(none, 8);
}

TEST(DeviceCrops, EqualTheHostCropsWithFlipAndSubpixelOnly) {
  AugmentationSettings a;
  a.scaleJitter = 0;
  a.exposure = 0;
  expectSameCrops(a, 21);
}

TEST(DeviceCrops, HostRenderingOnTheCpuGivesTheSameCropsAsTensors) {
  expectSameCrops(AugmentationSettings{}, 5, CropRendering::Auto);  // Auto on the CPU: host loops
}

TEST(DeviceCrops, OneChannelBatchesOwnTheirPixelsAfterTheNextBatch) {
  // Spatial pairs are one channel: a batch that is already "channels-last contiguous" must
  // still be a copy, not a view of the sampler's batch that dies (bf16 training on a CPU read
  // freed memory). The first batch is compared after the second one was drawn.
  const auto ps = pairs(RecoveryMode::Spatial);
  const int crop = 40;
  CropSampler host(ps, crop, AugmentationSettings{}, 9), device(ps, crop, AugmentationSettings{}, 9);
  DeviceCrops crops(device, torch::kCPU, torch::MemoryFormat::ChannelsLast, CropRendering::Auto);
  const CropBatch first = host.next(4);
  const auto [x, y] = crops.next(4);
  const auto later = crops.next(4);
  ASSERT_EQ(first.inputChannels, 1);
  const auto hx = planar(first.input, 4, first.inputChannels, crop), hy = planar(first.target, 4, first.targetChannels, crop);
  EXPECT_LE((x - hx).abs().max().item<float>(), 1e-6f);
  EXPECT_LE((y - hy).abs().max().item<float>(), 1e-6f);
  EXPECT_NE(later.first.data_ptr(), x.data_ptr());
}

TEST(DeviceCrops, AProcessShareIsItsCropsOfTheWholeBatch) {
  // Distributed training: rank r of 3 renders crops r, r+3 of a batch of 6, on either path,
  // and its generator moves as the whole batch's does.
  const auto ps = pairs();
  const int crop = 24;
  for (const auto rendering : {CropRendering::Tensor, CropRendering::Host}) {
    CropSampler whole(ps, crop, AugmentationSettings{}, 9), mine(ps, crop, AugmentationSettings{}, 9);
    DeviceCrops crops(mine, torch::kCPU, torch::MemoryFormat::Contiguous, rendering);
    for (int step = 0; step < 3; ++step) {
      const CropBatch b = whole.next(6);
      const auto all = planar(b.input, 6, b.inputChannels, crop);
      const auto [x, y] = crops.next(6, 1, 3);
      ASSERT_EQ(x.size(0), 2);
      EXPECT_LE((x[0] - all[1]).abs().max().item<float>(), 1e-6f) << "step " << step;
      EXPECT_LE((x[1] - all[4]).abs().max().item<float>(), 1e-6f) << "step " << step;
    }
    EXPECT_EQ(whole.saveState(), mine.saveState());
  }
}
