// A NaN colour (a damaged float frame) through a 3D LUT: found by fuzz_cube, where the NaN
// lattice coordinate became an index far outside the table.
#include <cmath>
#include <fstream>

#include <gtest/gtest.h>

#include "core/grade/cube_file.h"
#include "core/grade/lut3d.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::grade;

TEST(LutNan, ANanColourTakesTheBlackNodeOfACubeFromFile) {
  test::TempDir dir("lut-nan");
  // fuzz_cube's crashing input: its seed, a 2-node .cube, applied to a NaN colour.
  std::ofstream(dir.file("seed.cube")) << "# filmrecover match grade\n# frames 1001-1100\nTITLE \"match grade\"\n"
                                          "LUT_3D_SIZE 2\nDOMAIN_MIN 0.0 0.0 0.0\nDOMAIN_MAX 1.0 1.0 1.0\n"
                                          "0.0 0.0 0.0\n0.9 0.0 0.0\n0.0 1.0 0.0\n1.0 1.0 0.0\n"
                                          "0.0 0.0 1.0\n1.0 0.0 1.0\n0.0 1.0 1.0\n1.0 1.0 1.0\n";
  const Lut3D lut = readCube(dir.file("seed.cube"));
  const auto out = lut.apply(NAN, 0.5f, 0.5f);
  const auto black = lut.apply(0.0f, 0.5f, 0.5f);
  for (int c = 0; c < 3; ++c) EXPECT_FLOAT_EQ(out[c], black[c]);
}

TEST(LutNan, ANanColourStaysInsideALogShapedLattice) {
  Lut3D lut = Lut3D::identity(17, 6.0f);
  const auto out = lut.apply(NAN, NAN, 1.0f);
  EXPECT_NEAR(out[0], 0.0f, 1e-6f);
  EXPECT_NEAR(out[1], 0.0f, 1e-6f);
  EXPECT_NEAR(out[2], 1.0f, 1e-5f);
}
