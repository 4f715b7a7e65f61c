// mapping.json and transforms.json from elsewhere: a decimal number beyond int range where
// a frame number belongs was cast to int unchecked (undefined behaviour; UBSan aborts
// fuzz_mapping_json on this input) and is now refused naming the file and the field.
#include <fstream>
#include <functional>

#include <gtest/gtest.h>

#include "core/align/transforms.h"
#include "core/exec/errors.h"
#include "core/match/mapping.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::match;
using namespace filmrecover::align;

namespace {

std::string errorOf(const std::function<void()>& read) {
  try {
    read();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(HostileJson, AFrameNumberOutOfRangeInAMappingIsRefusedByFileAndField) {
  test::TempDir dir("hostile-json");
  const std::string path = dir.file("mapping.json");
  // fuzz_mapping_json's input.
  std::ofstream(path) << R"({"version":1,"source":"a","reference":"b","pairs":[{"source":1e300,"reference":1}]})";
  const std::string message = errorOf([&] { readMapping(path); });
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("/pairs/0/source"), std::string::npos) << message;
}

TEST(HostileJson, AnOutOfRangeCropInTransformsIsRefusedByFileAndField) {
  test::TempDir dir("hostile-json");
  const std::string path = dir.file("transforms.json");
  std::ofstream(path) << R"({"frames":[{"source":1,"reference":1,"matrix":[[1,0,0],[0,1,0],[0,0,1]],)"
                         R"("crop":{"x0":0,"y0":0,"x1":-4e12,"y1":10}}]})";
  const std::string message = errorOf([&] { readTransforms(path); });
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("/frames/0/crop/x1"), std::string::npos) << message;
}

TEST(HostileJson, NestingDeeperThanAnyOfOurFilesIsRefused) {
  test::TempDir dir("hostile-json");
  const std::string path = dir.file("mapping.json");
  std::ofstream(path) << R"({"version":1,"source":"a","reference":"b","pairs":[],"timecode_hint":)"
                      << std::string(100000, '[') << std::string(100000, ']') << "}";
  const std::string message = errorOf([&] { readMapping(path); });
  EXPECT_NE(message.find("nests deeper than"), std::string::npos) << message;
}

TEST(HostileJson, OurOwnFilesPassTheChecks) {
  test::TempDir dir("hostile-json");
  Mapping m;
  m.source = "a";
  m.reference = "b";
  m.pairs = {{1001, 12, 0.9f, ""}};
  m.offset = -989.5;
  m.hasFraming = true;
  m.framing = {0.35, 0, 4.25, 0, 0.37, 2, 1e-7, 0, 1};
  writeMapping(m, dir.file("mapping.json"));
  EXPECT_EQ(readMapping(dir.file("mapping.json")).pairs.size(), 1u);
}
