#include <gtest/gtest.h>

#include <fstream>

#include "core/exec/errors.h"
#include "core/grade/cube_file.h"
#include "core/grade/lut_fit.h"
#include "tests/core/grade/grade_test_images.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::grade;

TEST(CubeFile, RoundTripKeepsEveryNode) {
  test::TempDir dir("cube");
  Lut3D lut = Lut3D::identity(9);
  for (size_t i = 0; i < lut.table.size(); ++i) lut.table[i] = 0.1f + 0.8f * lut.table[i] * lut.table[i] - 0.003f * (i % 7);
  lut.title = "round \"trip\"";
  writeCube(lut, dir.file("a.cube"), {"made by a test"});
  const Lut3D back = readCube(dir.file("a.cube"));
  ASSERT_EQ(back.size, 9);
  ASSERT_EQ(back.table.size(), lut.table.size());
  for (size_t i = 0; i < lut.table.size(); ++i) EXPECT_NEAR(back.table[i], lut.table[i], 1e-6f);
  EXPECT_EQ(back.title, "round  trip ");
  EXPECT_FLOAT_EQ(back.shaperStrength, 0.0f);
}

TEST(CubeFile, FileFollowsTheCubeSpecificationLayout) {
  test::TempDir dir("cube");
  writeCube(Lut3D::identity(2), dir.file("id.cube"));
  std::ifstream in(dir.file("id.cube"));
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(all.find("LUT_3D_SIZE 2\n"), std::string::npos);
  EXPECT_NE(all.find("DOMAIN_MIN 0.0 0.0 0.0\n"), std::string::npos);
  // Red changes fastest: second row is (1,0,0).
  EXPECT_NE(all.find("0.0000000 0.0000000 0.0000000\n1.0000000 0.0000000 0.0000000\n0.0000000 1.0000000"),
            std::string::npos)
      << all;
}

TEST(CubeFile, FittedLogSpaceLutSurvivesExportAsAPlainCube) {
  test::TempDir dir("cube");
  const Image src = test::makeColourField(96, 72, 3);
  const Image dst = test::applyRestore(src);
  LutFitOptions options;
  options.size = 33;
  const Lut3D lut = fitLut({{&src, &dst}}, options);
  writeCube(lut, dir.file("grade.cube"));
  const Lut3D plain = readCube(dir.file("grade.cube"));
  // The resampled plain cube applied by a grading system matches our own application.
  EXPECT_GT(test::psnrOf(applyLut(plain, src), applyLut(lut, src)), 45.0);
  EXPECT_GT(test::psnrOf(applyLut(plain, src), dst), 38.0);
}

TEST(CubeFile, MalformedFilesAreInputErrorsNamingTheLine) {
  test::TempDir dir("cube");
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir.file(name)) << text;
    return dir.file(name);
  };
  EXPECT_THROW(readCube(dir.file("missing.cube")), InputError);
  EXPECT_THROW(readCube(write("short.cube", "LUT_3D_SIZE 2\n0 0 0\n")), InputError);
  EXPECT_THROW(readCube(write("oned.cube", "LUT_1D_SIZE 2\n0 0 0\n1 1 1\n")), InputError);
  try {
    readCube(write("bad.cube", "LUT_3D_SIZE 2\n0 0 zero\n"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
}
