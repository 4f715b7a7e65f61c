// Integrity on read: every kind of damaged frame an archive meets is named, with its kind,
// and never comes back as pixels. Each defect is made from a real file written by the
// tool or by oiiotool (truncate, zero, resize, overwrite the header, inject NaN).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "core/io/file_completeness.h"
#include "core/io/frame_defect.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/io/output_pattern.h"
#include "core/io/source_summary.h"
#include "tests/core/io/io_test_helpers.h"
#include "tests/core/io/defect_reading.h"
#include "tests/support/test_support.h"

namespace filmrecover {
namespace {

namespace fs = std::filesystem;

void writeSequence(const std::string& pattern, int first, int last, int width = 96, int height = 64,
                   const WriteOptions& options = {}) {
  fs::create_directories(fs::path(pattern).parent_path());
  const OutputPattern out(pattern);
  for (int f = first; f <= last; ++f)
    writeImageAtomic(out.pathFor(f), test::makeTestPattern(width, height, static_cast<unsigned>(f)), options);
}

void truncateToThird(const std::string& path) { fs::resize_file(path, fs::file_size(path) / 3); }

void expectTruncatedMiddleFrameNamed(const std::string& pattern) {
  const std::string middle = OutputPattern(pattern).pathFor(2);
  truncateToThird(middle);
  const auto source = FrameSource::open(pattern);
  const FrameDefect d = test::defectReading(*source, 2);
  EXPECT_EQ(d.kind, defect::kTruncated) << pattern << ": " << d.message;
  EXPECT_EQ(d.frame, 2);
  EXPECT_EQ(d.path, middle);
  EXPECT_NE(d.message.find(middle), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("frame 2"), std::string::npos) << d.message;
  // Its neighbours are untouched and still read.
  EXPECT_EQ(test::defectReading(*source, 1).kind, "none");
  EXPECT_EQ(test::defectReading(*source, 3).kind, "none");
}

TEST(FrameIntegrity, TruncatedTenBitDpxIsNamedNotReadAsPixels) {
  // OIIO 2.4 reads this file without an error: the header check is what catches it.
  test::TempDir dir("integrity-dpx");
  writeSequence(dir.file("scan/s.####.dpx"), 1, 3);
  expectTruncatedMiddleFrameNamed(dir.file("scan/s.####.dpx"));
  EXPECT_NE(incompleteFileReason(dir.file("scan/s.0002.dpx")).find("DPX header"), std::string::npos);
  EXPECT_EQ(incompleteFileReason(dir.file("scan/s.0001.dpx")), "");
}

TEST(FrameIntegrity, TruncatedTiffCompressedOrNotIsNamed) {
  test::TempDir dir("integrity-tif");
  writeSequence(dir.file("zip/z.####.tif"), 1, 3);
  expectTruncatedMiddleFrameNamed(dir.file("zip/z.####.tif"));
  // Uncompressed strips, as scanners write them.
  fs::create_directories(dir.file("raw"));
  for (int f = 1; f <= 3; ++f) {
    const std::string cmd = "oiiotool --pattern checker:width=16:height=16 300x200 3 -d uint16 --compression none -o " +
                            test::quoted(dir.file("raw/r.000" + std::to_string(f) + ".tif"));
    ASSERT_EQ(test::shell(cmd), 0) << cmd;
  }
  expectTruncatedMiddleFrameNamed(dir.file("raw/r.####.tif"));
}

TEST(FrameIntegrity, TruncatedJpegExrAndPngAreNamed) {
  test::TempDir dir("integrity-other");
  writeSequence(dir.file("jpg/j.####.jpg"), 1, 3, 320, 240);
  expectTruncatedMiddleFrameNamed(dir.file("jpg/j.####.jpg"));
  writeSequence(dir.file("exr/e.####.exr"), 1, 3);
  expectTruncatedMiddleFrameNamed(dir.file("exr/e.####.exr"));
  writeSequence(dir.file("png/p.####.png"), 1, 3);
  expectTruncatedMiddleFrameNamed(dir.file("png/p.####.png"));
}

TEST(FrameIntegrity, EmptyAndGarbageFramesAreUnreadableEvenAsTheFirstFrame) {
  test::TempDir dir("integrity-garbage");
  writeSequence(dir.file("s/s.####.exr"), 1, 5);
  std::ofstream(dir.file("s/s.0001.exr"), std::ios::trunc).flush();  // zero bytes
  {
    std::fstream header(dir.file("s/s.0004.exr"), std::ios::in | std::ios::out | std::ios::binary);
    header.write("garbage!garbage!", 16);  // the magic number and version overwritten
  }
  // The sequence still opens: its size comes from the frames that read.
  const auto source = FrameSource::open(dir.file("s/s.####.exr"));
  EXPECT_EQ(source->info().width, 96);
  EXPECT_EQ(test::defectReading(*source, 1).kind, defect::kUnreadable);
  EXPECT_EQ(test::defectReading(*source, 4).kind, defect::kUnreadable);
  EXPECT_EQ(test::defectReading(*source, 2).kind, "none");
  // Found from headers and sizes alone (what `info` shows without decoding).
  const auto suspects = suspectFramesBySize(*source);
  ASSERT_FALSE(suspects.empty());
  EXPECT_EQ(suspects.front().frame, 1);
}

TEST(FrameIntegrity, FramesOfAnotherSizeOrChannelCountAreNamed) {
  test::TempDir dir("integrity-size");
  writeSequence(dir.file("s/s.####.exr"), 1, 5);
  // Frame 3 another size; frame 1 (the first!) another size too; frame 5 one channel.
  writeImageAtomic(dir.file("s/s.0003.exr"), test::makeTestPattern(64, 64, 3));
  writeImageAtomic(dir.file("s/s.0001.exr"), test::makeTestPattern(48, 32, 1));
  Image grey(96, 64, 1);
  writeImageAtomic(dir.file("s/s.0005.exr"), grey);
  const auto source = FrameSource::open(dir.file("s/s.####.exr"));
  EXPECT_EQ(source->info().width, 96) << "the size most frames have, not the first frame's";
  const FrameDefect three = test::defectReading(*source, 3);
  EXPECT_EQ(three.kind, defect::kSize);
  EXPECT_NE(three.message.find("64x64"), std::string::npos) << three.message;
  EXPECT_NE(three.message.find("96x64"), std::string::npos) << three.message;
  EXPECT_EQ(test::defectReading(*source, 1).kind, defect::kSize);
  EXPECT_EQ(test::defectReading(*source, 5).kind, defect::kChannels);
  EXPECT_EQ(test::defectReading(*source, 2).kind, "none");
}

TEST(FrameIntegrity, NanAndInfinitePixelsAreNamedWithWhere) {
  test::TempDir dir("integrity-nan");
  WriteOptions floats;
  floats.exrDataType = "float";
  writeSequence(dir.file("s/s.####.exr"), 1, 3, 96, 64, floats);
  Image poisoned = test::makeTestPattern(96, 64, 2);
  poisoned.at(10, 7, 1) = std::numeric_limits<float>::quiet_NaN();
  poisoned.at(50, 20, 0) = std::numeric_limits<float>::infinity();
  writeImageAtomic(dir.file("s/s.0002.exr"), poisoned, floats);
  const auto source = FrameSource::open(dir.file("s/s.####.exr"));
  const FrameDefect d = test::defectReading(*source, 2);
  EXPECT_EQ(d.kind, defect::kNonFinite);
  EXPECT_NE(d.message.find("2 NaN or infinite"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("x 10, y 7"), std::string::npos) << d.message;
  EXPECT_EQ(test::defectReading(*source, 3).kind, "none");
  // Half floats carry NaN and infinity too.
  writeSequence(dir.file("h/h.####.exr"), 1, 2);
  writeImageAtomic(dir.file("h/h.0002.exr"), poisoned);
  EXPECT_EQ(test::defectReading(*FrameSource::open(dir.file("h/h.####.exr")), 2).kind, defect::kNonFinite);
}

TEST(FrameIntegrity, VerifyListsEveryDefectIncludingGaps) {
  test::TempDir dir("integrity-verify");
  writeSequence(dir.file("s/s.####.dpx"), 1, 8);
  fs::remove(dir.file("s/s.0004.dpx"));                     // a gap
  truncateToThird(dir.file("s/s.0002.dpx"));                // an interrupted copy
  std::ofstream(dir.file("s/s.0007.dpx"), std::ios::trunc).flush();  // zero bytes
  writeImageAtomic(dir.file("s/s.0006.dpx"), test::makeTestPattern(80, 64, 6));  // another size
  const auto source = FrameSource::open(dir.file("s/s.####.dpx"));
  const auto defects = verifyFrames(*source, {}, 2, {});
  ASSERT_EQ(defects.size(), 4u) << defectSummary(defects);
  EXPECT_EQ(defects[0].frame, 2);
  EXPECT_EQ(defects[0].kind, defect::kTruncated);
  EXPECT_EQ(defects[1].frame, 4);
  EXPECT_EQ(defects[1].kind, defect::kMissing);
  EXPECT_EQ(defects[2].frame, 6);
  EXPECT_EQ(defects[2].kind, defect::kSize);
  EXPECT_EQ(defects[3].frame, 7);
  EXPECT_EQ(defects[3].kind, defect::kUnreadable);
  // Frames asked for that do not exist are missing defects too.
  const auto asked = verifyFrames(*source, {1, 4, 9}, 1, {});
  ASSERT_EQ(asked.size(), 2u);
  EXPECT_EQ(asked[0].frame, 4);
  EXPECT_EQ(asked[1].frame, 9);
  // Without decoding: the short DPX (a third of its siblings' size), the smaller one of
  // another size and the empty one.
  const auto suspects = suspectFramesBySize(*source);
  std::vector<int> frames;
  for (const auto& s : suspects) frames.push_back(s.frame);
  EXPECT_EQ(frames, (std::vector<int>{2, 6, 7}));
}

TEST(FrameIntegrity, AMovieCutMidStreamNamesTheFramesItCannotGiveWhole) {
  // A DVD program stream, a transport stream and an MP4 cut at 60% of their bytes: the
  // frame the cut runs through is concealed or undecodable and named; the frames before it
  // read. The whole files verify clean (no false alarm on open GOPs).
  test::TempDir dir("integrity-movie");
  setenv("FILMRECOVER_CACHE_DIR", dir.file("cache").c_str(), 1);
  for (const std::string name : {"dvd.mpg", "broadcast.ts", "web.mp4"}) {
    const std::string codec = name == "web.mp4" ? "libx264 -movflags +faststart" : "mpeg2video -b:v 2M";
    const std::string whole = dir.file(name), cut = dir.file("cut_" + name);
    ASSERT_EQ(test::shell("ffmpeg -nostdin -y -loglevel error -f lavfi -i testsrc=size=320x240:rate=25 -frames:v 60 "
                          "-g 12 -c:v " + codec + " " + test::quoted(whole)), 0) << name;
    EXPECT_TRUE(verifyFrames(*FrameSource::open(whole), {}, 1, {}).empty()) << name;
    {
      std::ifstream in(whole, std::ios::binary);
      std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::ofstream(cut, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size() * 6 / 10));
    }
    const auto movie = FrameSource::open(cut);
    const auto defects = verifyFrames(*movie, {}, 1, {});
    ASSERT_FALSE(defects.empty()) << name;
    for (const auto& d : defects) {
      EXPECT_TRUE(d.kind == defect::kConcealed || d.kind == defect::kUnreadable || d.kind == defect::kTruncated)
          << name << ": " << d.kind;
      EXPECT_NE(d.message.find("frame " + std::to_string(d.frame)), std::string::npos) << d.message;
      EXPECT_NE(d.message.find(cut), std::string::npos) << d.message;
    }
    EXPECT_GT(defects.front().frame, 20) << name << ": " << defects.front().message;
    EXPECT_EQ(test::defectReading(*movie, 1).kind, "none") << name;
  }
}

TEST(FrameIntegrity, CompletenessChecksOnBuffersNeverReadOutside) {
  // Headers cut at every length, and a header claiming far more data than there is: the
  // checks answer, and never read past the buffer (ASan would say so).
  test::TempDir dir("integrity-buffers");
  writeSequence(dir.file("d/d.####.dpx"), 1, 1, 32, 16);
  writeSequence(dir.file("t/t.####.tif"), 1, 1, 32, 16);
  for (const std::string& path : {dir.file("d/d.0001.dpx"), dir.file("t/t.0001.tif")}) {
    std::ifstream in(path, std::ios::binary);
    const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(incompleteReason(bytesOfBuffer(bytes.data(), bytes.size())), "") << path;
    int flagged = 0;
    for (size_t n = 4; n < bytes.size(); n += 7) flagged += !incompleteReason(bytesOfBuffer(bytes.data(), n)).empty();
    EXPECT_GT(flagged, 0) << path;
  }
  // Not an image format with a layout to check: nothing to say.
  const unsigned char text[] = "plain text, not an image";
  EXPECT_EQ(incompleteReason(bytesOfBuffer(text, sizeof text)), "");
}

}  // namespace
}  // namespace filmrecover
