// Full build only (core/io): the PNG writer the CLI, the pipeline and the GUI hand the trainer.
#include <gtest/gtest.h>

#include <fstream>

#include "core/train/preview_file.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

TEST(PreviewFile, WritesAnEightBitPng) {
  test::TempDir dir("preview");
  const std::string path = dir.file("step-000010.png");
  writePreviewPng(path, test::makeTestPattern(48, 16, 3));
  std::ifstream in(path, std::ios::binary);
  char magic[8] = {};
  ASSERT_TRUE(in.read(magic, 8));
  EXPECT_EQ(std::string(magic + 1, 3), "PNG");
}
