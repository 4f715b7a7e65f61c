#include <gtest/gtest.h>

#include "core/exec/errors.h"
#include "core/model/compute.h"

using namespace filmrecover;

TEST(Compute, PrecisionOnTheCpu) {
  const torch::Device cpu(torch::kCPU);
  EXPECT_EQ(computeType(Precision::Float32, cpu), torch::kFloat32);
  EXPECT_EQ(computeType(Precision::BFloat16, cpu), torch::kBFloat16);
  EXPECT_EQ(computeType(Precision::Auto, cpu), cpuHasNativeBFloat16() ? torch::kBFloat16 : torch::kFloat32);
  EXPECT_THROW(computeType(Precision::Float16, cpu), InputError);  // CPU autocast has no fp16
  EXPECT_EQ(parsePrecision("fp16"), Precision::Float16);
  EXPECT_EQ(toString(Precision::Float16), "fp16");
  EXPECT_EQ(precisionName(torch::kFloat16), "fp16");
  EXPECT_EQ(precisionName(torch::kBFloat16), "bf16");
}

TEST(Compute, ReducedPrecisionRunsChannelsLast) {
  EXPECT_EQ(activationFormat(torch::kBFloat16, torch::kCPU), torch::MemoryFormat::ChannelsLast);
  EXPECT_EQ(activationFormat(torch::kFloat16, torch::kCPU), torch::MemoryFormat::ChannelsLast);
  EXPECT_EQ(activationFormat(torch::kFloat32, torch::kCPU), torch::MemoryFormat::Contiguous);
}

TEST(Compute, AutocastGuardCastsInsideAndRestoresOutside) {
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(3, 4, 3));
  const auto x = torch::rand({1, 3, 8, 8});
  torch::NoGradGuard g;
  {
    AutocastGuard outer(torch::kBFloat16, torch::kCPU);
    EXPECT_EQ(conv->forward(x).scalar_type(), torch::kBFloat16);
    {
      AutocastGuard fp32(torch::kFloat32, torch::kCPU);  // a no-op: the outer one still holds
      EXPECT_EQ(conv->forward(x).scalar_type(), torch::kBFloat16);
    }
    EXPECT_EQ(conv->forward(x).scalar_type(), torch::kBFloat16);
  }
  EXPECT_EQ(conv->forward(x).scalar_type(), torch::kFloat32);
}

// What the device queries answer, on whichever machine runs the suite: with a CUDA device
// its free memory and auto choosing it; without one no free memory, no bf16 there, a clear
// error for --device cuda and auto choosing the CPU. Neither case is skipped.
TEST(Compute, DeviceQueriesAnswerForTheMachineAtHand) {
  if (cudaAvailable()) {
    EXPECT_GT(cudaFreeMemory(), 0);
    EXPECT_TRUE(resolveDevice(DeviceChoice::Auto).is_cuda());
    return;
  }
  EXPECT_EQ(cudaFreeMemory(), -1);
  EXPECT_FALSE(cudaHasBFloat16());
  EXPECT_THROW(resolveDevice(DeviceChoice::Cuda), InputError);
  EXPECT_TRUE(resolveDevice(DeviceChoice::Auto).is_cpu());
}
