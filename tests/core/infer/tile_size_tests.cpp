#include <gtest/gtest.h>

#include "core/infer/frame_predictor.h"
#include "core/infer/tile_size.h"
#include "tests/core/infer/infer_test_models.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

TEST(TileSize, GrowsWithFreeMemoryAndShrinksWithWidthAndPrecision) {
  const long long GiB = 1LL << 30;
  // An 80 GiB card takes a 4096x3112 frame of preset M in bf16 in one tile.
  EXPECT_GE(tileSizeForMemory(80 * GiB, 512LL << 20, 32, 2), 4096);
  // An 8 GiB card (RTX 3070) does not, but still gets tiles above the CPU's 2048.
  const int small = tileSizeForMemory(8 * GiB, 512LL << 20, 32, 2);
  EXPECT_LT(small, 4096);
  EXPECT_GT(small, kCpuTileSize);
  EXPECT_LT(tileSizeForMemory(8 * GiB, 512LL << 20, 64, 2), small);  // preset L
  EXPECT_LT(tileSizeForMemory(8 * GiB, 512LL << 20, 32, 4), small);  // float32
  EXPECT_EQ(tileSizeForMemory(80 * GiB, 0, 32, 2) % 4, 0);          // the pooling grid
}

TEST(TileSize, TheTileFitsTheMemoryItWasChosenFor) {
  const long long free = 24LL << 30, frame = 512LL << 20;
  const int side = tileSizeForMemory(free, frame, 32, 2);
  EXPECT_LE(double(side) * side * tileBytesPerPixel(32, 2), 0.6 * free - frame);
  const int next = side + 4;
  EXPECT_GT(double(next) * next * tileBytesPerPixel(32, 2), 0.6 * free - frame);
}

TEST(TileSize, AlmostNoMemoryStillGivesAUsableTile) {
  EXPECT_EQ(tileSizeForMemory(0, 0, 32, 2), 256);
  EXPECT_EQ(tileSizeForMemory(1LL << 20, 1LL << 30, 32, 2), 256);
}

TEST(TileSize, AutoIsTheFixedCpuTileOnTheCpu) {
  test::TempDir dir("tile");
  const std::string model = test::saveRandomModel(dir.file("m.frm"), RecoveryMode::Chroma);
  InferSettings s;
  s.device = DeviceChoice::Cpu;
  s.threads = 1;
  ASSERT_EQ(s.tileSize, 0);  // auto by default
  EXPECT_EQ(FramePredictor(model, s).tileSize(), kCpuTileSize);
  s.tileSize = 512;
  EXPECT_EQ(FramePredictor(model, s).tileSize(), 512);
}
