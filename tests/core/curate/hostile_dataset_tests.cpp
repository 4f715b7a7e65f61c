// dataset.json from elsewhere: a decimal beyond int range where a frame number belongs is
// refused naming the file and field (it was cast to int unchecked: undefined behaviour).
#include <fstream>

#include <gtest/gtest.h>

#include "core/curate/alignment_flags.h"
#include "core/curate/dataset_file.h"
#include "core/exec/errors.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

TEST(HostileDataset, AFrameNumberOutOfRangeIsRefusedByFileAndField) {
  test::TempDir dir("hostile-dataset");
  const std::string path = dir.file("dataset.json");
  std::ofstream(path) << R"({"train":[1001,1002,9e18],"holdout":[1050]})";
  try {
    curate::readDatasetFile(path);
    FAIL() << "the dataset was read";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("/train/2"), std::string::npos) << message;
  }
}

// curate's reader of transforms.json flags: a crop of x + width beyond int range overflowed
// (undefined behaviour) and is refused naming the file.
TEST(HostileDataset, ATransformsCropBeyondIntRangeIsRefusedByFile) {
  test::TempDir dir("hostile-dataset");
  const std::string path = dir.file("transforms.json");
  std::ofstream(path) << R"({"shared_crop":{"x":2000000000,"y":0,"width":2000000000,"height":10},"frames":[]})";
  try {
    curate::readAlignmentFlags(path);
    FAIL() << "the crop was read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}
