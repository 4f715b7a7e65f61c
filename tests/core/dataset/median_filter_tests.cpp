// Full build only (it needs OIIO): the engine's median pre-filter is OIIO's, value for value.
#include <gtest/gtest.h>

#include <OpenImageIO/imagebuf.h>
#include <OpenImageIO/imagebufalgo.h>

#include "core/dataset/median_filter.h"
#include "tests/support/test_support.h"

using namespace filmrecover;

namespace {

Image oiioMedian(const Image& image, int size) {
  namespace OIIO = OIIO_NAMESPACE;
  OIIO::ImageSpec spec(image.width, image.height, image.channels, OIIO::TypeDesc::FLOAT);
  OIIO::ImageBuf src(spec, const_cast<float*>(image.pixels.data()));
  Image out(image.width, image.height, image.channels);
  OIIO::ImageBuf dst(spec, out.pixels.data());
  EXPECT_TRUE(OIIO::ImageBufAlgo::median_filter(dst, src, size, size)) << dst.geterror();
  return out;
}

}  // namespace

TEST(MedianFilter, EqualsOiioForOddAndEvenSizesAtTheBorders) {
  // Odd width and height, so the bands of rows split unevenly and every border case shows.
  const Image im = test::makeTestPattern(67, 41, 9);
  for (int size : {2, 3, 4, 5, 8}) {
    const Image ours = medianFilter(im, size), theirs = oiioMedian(im, size);
    ASSERT_EQ(ours.pixels.size(), theirs.pixels.size());
    size_t differ = 0;
    for (size_t i = 0; i < ours.pixels.size(); ++i) differ += ours.pixels[i] != theirs.pixels[i];
    EXPECT_EQ(differ, 0u) << "size " << size;
  }
}

TEST(MedianFilter, SizeOneIsACopyAndAttributesSurvive) {
  Image im = test::makeTestPattern(9, 7, 2);
  im.attributes["a"] = "b";
  EXPECT_EQ(medianFilter(im, 1).pixels, im.pixels);
  EXPECT_EQ(medianFilter(im, 3).attributes.at("a"), "b");
}
