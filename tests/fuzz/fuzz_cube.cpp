// Fuzzes the .cube reader (grade's LUT, or a LUT from a grading system): readCube, then
// applying what was read to a few colours.
#include <cmath>

#include "core/grade/cube_file.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace filmrecover;
  const std::string path = fuzz::writeScratchFile("lut.cube", data, size);
  fuzz::expectOnlyDocumentedErrors([&] {
    const grade::Lut3D lut = grade::readCube(path);
    for (float v : {-1.0f, 0.0f, 0.37f, 1.0f, 2.0f, NAN, INFINITY}) {
      lut.apply(v, 0.5f, 1.0f - v);
    }
  });
  return 0;
}
