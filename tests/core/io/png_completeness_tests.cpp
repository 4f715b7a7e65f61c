// The PNG completeness check (core/io/png_completeness.cpp) on real PNG files written by the
// tool, cut at the places an interrupted copy leaves them: inside the image data, after it
// but before IEND, inside the header chunks, inside the signature. A cut PNG is a named
// truncated frame before OpenImageIO opens it; under ASan (PRESET=asan) these tests are also
// the check that no cut PNG reaches OIIO's leaking error path (LeakSanitizer fails the run).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/io/file_completeness.h"
#include "core/io/frame_defect.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/io/output_pattern.h"
#include "tests/core/io/defect_reading.h"
#include "tests/support/test_support.h"

namespace filmrecover {
namespace {

namespace fs = std::filesystem;

std::vector<unsigned char> bytesOf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, const std::vector<unsigned char>& bytes, std::size_t n) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(n));
}

// Where a chunk type first occurs (its 4 letters; the chunk starts 4 bytes before). Found by
// searching, not by walking the chunks, so that the test does not share the walk under test.
std::size_t typeAt(const std::vector<unsigned char>& png, const std::string& type) {
  const auto it = std::search(png.begin(), png.end(), type.begin(), type.end());
  return it == png.end() ? std::string::npos : static_cast<std::size_t>(it - png.begin());
}

std::string reasonOfPrefix(const std::vector<unsigned char>& png, std::size_t n) {
  return incompleteReason(bytesOfBuffer(png.data(), n));
}

// A whole PNG written by the tool's own writer (OIIO's PNG output through libpng).
std::vector<unsigned char> wholePng(const test::TempDir& dir, int width = 96, int height = 64) {
  const std::string path = dir.file("whole.png");
  writeImageAtomic(path, test::makeTestPattern(width, height, 5));
  return bytesOf(path);
}

TEST(PngCompleteness, AWholePngIsWholeAndTrailingBytesAfterIendDoNotMakeItCut) {
  test::TempDir dir("png-whole");
  const auto png = wholePng(dir);
  ASSERT_NE(typeAt(png, "IEND"), std::string::npos);
  EXPECT_EQ(incompleteFileReason(dir.file("whole.png")), "");
  EXPECT_EQ(pngIncompleteReason(bytesOfBuffer(png.data(), png.size())), "");
  // A trailer some tools append after IEND is not part of the image.
  std::vector<unsigned char> trailed = png;
  for (int i = 0; i < 300; ++i) trailed.push_back(static_cast<unsigned char>(i * 7));
  writeBytes(dir.file("trailed.png"), trailed, trailed.size());
  EXPECT_EQ(incompleteFileReason(dir.file("trailed.png")), "");
  EXPECT_EQ(readImageFile(dir.file("trailed.png")).width, 96);
}

TEST(PngCompleteness, EveryCutOfARealPngIsFound) {
  test::TempDir dir("png-every-cut");
  const auto png = wholePng(dir);
  // Four bytes are the least that names a PNG (its magic number); every shorter prefix of
  // the file than the whole is reported, wherever the cut falls.
  for (std::size_t n = 4; n < png.size(); ++n)
    ASSERT_NE(reasonOfPrefix(png, n), "") << "a PNG of " << png.size() << " bytes cut to " << n << " reads as whole";
  EXPECT_EQ(reasonOfPrefix(png, png.size()), "");
}

TEST(PngCompleteness, EachCutIsNamedWithWhere) {
  test::TempDir dir("png-cuts");
  const auto png = wholePng(dir);
  const std::size_t idat = typeAt(png, "IDAT") - 4, iend = typeAt(png, "IEND") - 4;
  ASSERT_LT(idat, iend);
  // Inside the image data.
  const std::string midIdat = reasonOfPrefix(png, (idat + iend) / 2);
  EXPECT_NE(midIdat.find("is truncated"), std::string::npos) << midIdat;
  EXPECT_NE(midIdat.find("IDAT"), std::string::npos) << midIdat;
  // After the last image data, before IEND: OIIO has all the pixels, the file is still cut.
  const std::string beforeIend = reasonOfPrefix(png, iend);
  EXPECT_NE(beforeIend.find("without the IEND chunk"), std::string::npos) << beforeIend;
  // Inside IEND's own header.
  EXPECT_NE(reasonOfPrefix(png, iend + 5).find("inside the header of the PNG chunk at byte " + std::to_string(iend)),
            std::string::npos);
  // Inside the signature.
  EXPECT_NE(reasonOfPrefix(png, 6).find("inside the PNG signature"), std::string::npos) << reasonOfPrefix(png, 6);
  // A chunk length damaged to beyond PNG's limit: the chain cannot be followed to IEND.
  std::vector<unsigned char> damaged = png;
  for (int i = 0; i < 4; ++i) damaged[idat + i] = 0xFF;
  const std::string bad = pngIncompleteReason(bytesOfBuffer(damaged.data(), damaged.size()));
  EXPECT_NE(bad.find("IDAT at byte " + std::to_string(idat)), std::string::npos) << bad;
}

TEST(PngCompleteness, OtherFormatsAreNotItsToJudge) {
  test::TempDir dir("png-other");
  writeImageAtomic(dir.file("f.exr"), test::makeTestPattern(32, 16, 1));
  const auto exr = bytesOf(dir.file("f.exr"));
  EXPECT_EQ(pngIncompleteReason(bytesOfBuffer(exr.data(), exr.size())), "");
  EXPECT_EQ(pngIncompleteReason(bytesOfBuffer(exr.data(), 3)), "");
}

TEST(PngCompleteness, CutPngFramesAreNamedTruncatedFramesAndTheWholeOnesRead) {
  // Frames 2-5 cut at four places; frame 1 whole. Frames 4 and 5 are cut where OIIO's own
  // reader would fail through libpng's error path (and leak); they never get there.
  test::TempDir dir("png-sequence");
  fs::create_directories(dir.file("p"));
  const OutputPattern out(dir.file("p/p.####.png"));
  for (int f = 1; f <= 6; ++f) writeImageAtomic(out.pathFor(f), test::makeTestPattern(96, 64, static_cast<unsigned>(f)));
  const auto cut = [&](int frame, auto where) {
    const auto png = bytesOf(out.pathFor(frame));
    writeBytes(out.pathFor(frame), png, where(png));
  };
  cut(2, [](const auto& png) { return (typeAt(png, "IDAT") + typeAt(png, "IEND")) / 2; });  // mid-IDAT
  cut(3, [](const auto& png) { return typeAt(png, "IEND") - 4; });                          // before IEND
  cut(4, [](const auto& png) { return typeAt(png, "IHDR") + 6; });                          // inside IHDR
  cut(5, [](const auto&) { return std::size_t(5); });                                      // inside the signature
  const auto source = FrameSource::open(dir.file("p/p.####.png"));
  EXPECT_EQ(source->info().width, 96);
  for (int f = 2; f <= 5; ++f) {
    const FrameDefect d = test::defectReading(*source, f);
    EXPECT_EQ(d.kind, defect::kTruncated) << "frame " << f << ": " << d.message;
    EXPECT_EQ(d.frame, f);
    EXPECT_EQ(d.path, out.pathFor(f));
    EXPECT_NE(d.message.find("frame " + std::to_string(f)), std::string::npos) << d.message;
    EXPECT_NE(d.message.find(out.pathFor(f)), std::string::npos) << d.message;
  }
  EXPECT_EQ(test::defectReading(*source, 1).kind, "none");
  EXPECT_EQ(test::defectReading(*source, 6).kind, "none");
  // The source's own header probes pass over a cut frame, naming it, rather than open it.
  for (const FrameDefect& d : source->info().unreadableHeaders)
    EXPECT_EQ(d.kind, defect::kTruncated) << d.message;
  // A single file read on its own (the GUI's viewer, a reference still) is refused by name.
  const std::string single = test::inputErrorOf([&] { readImageFile(out.pathFor(4)); });
  EXPECT_NE(single.find("is truncated"), std::string::npos) << single;
  EXPECT_NE(single.find(out.pathFor(4)), std::string::npos) << single;
}

}  // namespace
}  // namespace filmrecover
