#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "core/exec/errors.h"
#include "core/io/frame_source.h"
#include "core/io/image_writer.h"
#include "core/io/output_pattern.h"
#include "io_test_helpers.h"
#include "tests/support/test_support.h"

namespace filmrecover {

namespace fs = std::filesystem;

namespace {

constexpr int kFrames = 60;

// 60 numbered frames as PNGs, made once for every movie test of this executable.
const std::string& numberedFrames() {
  static test::TempDir dir("movie-frames");
  static const std::string pattern = [] {
    const std::string p = dir.file("f.%04d.png");
    const OutputPattern out(p);
    WriteOptions eight;
    eight.bitDepth = 8;
    for (int f = 1; f <= kFrames; ++f) writeImageAtomic(out.pathFor(f), test::numberedFrame(128, 64, f), eight);
    return p;
  }();
  return pattern;
}

// Movie indexes are cached on disk: keep the tests' own out of the user's cache.
const std::string& indexCacheDir() {
  static test::TempDir dir("movie-index-cache");
  static const bool set = [] { return setenv("FILMRECOVER_CACHE_DIR", dir.path().c_str(), 1) == 0; }();
  (void)set;
  return dir.path().native();
}

// Encodes the numbered frames with `codecArgs` into `path`; fails the test when ffmpeg does.
void encode(const std::string& path, const std::string& codecArgs) {
  indexCacheDir();
  std::string out;
  const int status = test::shell("ffmpeg -nostdin -y -loglevel error -framerate 25 -start_number 1 -i " +
                                     test::quoted(numberedFrames()) + " " + codecArgs + " " + test::quoted(path),
                                 &out);
  ASSERT_EQ(status, 0) << out;
}

struct MovieCase {
  std::string file;
  std::string args;
  std::string codec;
};

std::vector<MovieCase> movieCases() {
  return {
      // DVD material: MPEG-2 in a program stream, B-frames, 12-frame GOPs.
      {"dvd.mpg", "-c:v mpeg2video -q:v 2 -g 12 -bf 2 -pix_fmt yuv420p -f vob", "mpeg2video"},
      {"dvd.vob", "-c:v mpeg2video -q:v 2 -g 15 -bf 2 -pix_fmt yuv420p -f vob", "mpeg2video"},
      {"clip.mkv", "-c:v libx264 -crf 12 -g 10 -bf 3 -pix_fmt yuv420p", "h264"},
      {"clip.mp4", "-c:v libx264 -crf 12 -g 10 -bf 3 -pix_fmt yuv420p", "h264"},
      {"clip.mov", "-c:v mpeg4 -q:v 2 -g 8 -bf 2 -pix_fmt yuv420p", "mpeg4"},
      {"clip.avi", "-c:v mpeg4 -q:v 2 -g 8 -pix_fmt yuv420p", "mpeg4"},
  };
}

}  // namespace

TEST(MovieSource, ExactCountRateAndFrameAccurateRandomAccess) {
  test::TempDir dir("movies");
  for (const MovieCase& c : movieCases()) {
    const std::string path = dir.file(c.file);
    encode(path, c.args);
    const auto movie = FrameSource::open(path);
    const SourceInfo& info = movie->info();
    EXPECT_EQ(info.kind, "movie") << c.file;
    EXPECT_EQ(info.codec, c.codec) << c.file;
    ASSERT_EQ(info.frames.size(), static_cast<size_t>(kFrames)) << c.file;
    EXPECT_EQ(info.frames.front(), 1);
    EXPECT_EQ(info.frames.back(), kFrames);
    EXPECT_TRUE(info.missing.empty());
    EXPECT_NEAR(info.frameRate, 25.0, 1e-6) << c.file;
    EXPECT_EQ(info.width, 128);
    EXPECT_EQ(info.height, 64);
    EXPECT_EQ(info.dataType, "uint8");
    EXPECT_EQ(movie->framePath(3), "");
    // Jumps back and forth across GOPs, repeats, neighbours, both ends.
    for (int f : {37, 3, 60, 12, 12, 13, 1, 59, 30, 31, 29, 48, 2, 45, 46, 60, 1}) {
      const Image image = movie->read(f);
      ASSERT_EQ(image.channels, 3);
      EXPECT_EQ(test::frameNumberOf(image), f) << c.file << " frame " << f;
    }
  }
}

TEST(MovieSource, SequentialReadsAndThreadsGetEveryFrame) {
  test::TempDir dir("movie-seq");
  const std::string path = dir.file("dvd.mpg");
  encode(path, "-c:v mpeg2video -q:v 2 -g 12 -bf 2 -pix_fmt yuv420p -f vob");
  const auto movie = FrameSource::open(path);
  for (int f = 1; f <= kFrames; ++f) EXPECT_EQ(test::frameNumberOf(movie->read(f)), f);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t)
    threads.emplace_back([&, t] {
      try {
        for (int f = kFrames - t; f >= 1; f -= 3)
          if (test::frameNumberOf(movie->read(f)) != f) ++wrong;
      } catch (const std::exception&) {
        wrong += 1000;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(MovieSource, DecodesWithTheRightMatrixForSdAndHd) {
  // A flat colour encoded by ffmpeg with BT.601 (SD) and BT.709 (HD), untagged: the
  // decoder must pick the matrix from the size, as players do.
  test::TempDir dir("movie-matrix");
  const float r = 0.8f, g = 0.3f, b = 0.15f;
  const auto check = [&](int w, int h, const std::string& matrix) {
    Image flat(w, h, 3);
    for (size_t i = 0; i < flat.pixelCount(); ++i) {
      flat.pixels[i * 3] = r;
      flat.pixels[i * 3 + 1] = g;
      flat.pixels[i * 3 + 2] = b;
    }
    WriteOptions eight;
    eight.bitDepth = 8;
    const std::string png = dir.file("flat" + std::to_string(h) + ".png");
    writeImageAtomic(png, flat, eight);
    const std::string movie = dir.file("flat" + std::to_string(h) + ".mkv");
    std::string out;
    ASSERT_EQ(test::shell("ffmpeg -nostdin -y -loglevel error -loop 1 -i " + test::quoted(png) +
                              " -frames:v 2 -vf scale=out_color_matrix=" + matrix +
                              ":out_range=tv,format=yuv444p -c:v ffv1 " + test::quoted(movie),
                          &out),
              0)
        << out;
    const auto source = FrameSource::open(movie);
    const Image image = source->read(2);
    EXPECT_NEAR(image.at(w / 2, h / 2, 0), r, 0.01f) << matrix;
    EXPECT_NEAR(image.at(w / 2, h / 2, 1), g, 0.01f) << matrix;
    EXPECT_NEAR(image.at(w / 2, h / 2, 2), b, 0.01f) << matrix;
    EXPECT_EQ(image.attributes.at("ffmpeg:decode_matrix"), matrix == "bt601" ? "bt601" : "bt709");
  };
  check(720, 576, "bt601");
  check(1280, 720, "bt709");
}

TEST(MovieSource, IndexIsCachedOnDisk) {
  test::TempDir dir("movie-cache");
  const std::string path = dir.file("cached.mpg");
  encode(path, "-c:v mpeg2video -q:v 2 -g 12 -bf 2 -pix_fmt yuv420p -f vob");
  // ctest runs each test in its own process: the index folder may not exist yet.
  const auto indexCount = [] {
    const std::string folder = indexCacheDir() + "/movie-index";
    return fs::exists(folder) ? static_cast<size_t>(std::distance(fs::directory_iterator(folder), {}))
                              : size_t{0};
  };
  const size_t before = indexCount();
  FrameSource::open(path);
  const size_t after = indexCount();
  EXPECT_EQ(after, before + 1);
  const auto again = FrameSource::open(path);
  EXPECT_EQ(again->info().frames.size(), static_cast<size_t>(kFrames));
  EXPECT_EQ(test::frameNumberOf(again->read(kFrames)), kFrames);
}

TEST(MovieSource, BadMoviesAndFramesAreInputErrorsNamingThem) {
  test::TempDir dir("movie-bad");
  const std::string path = dir.file("clip.mp4");
  encode(path, "-c:v libx264 -crf 20 -g 10 -pix_fmt yuv420p");
  const auto movie = FrameSource::open(path);
  const std::string outside = test::inputErrorOf([&] { movie->read(61); });
  EXPECT_NE(outside.find("frame 61"), std::string::npos) << outside;
  EXPECT_NE(outside.find("clip.mp4"), std::string::npos) << outside;
  EXPECT_NE(test::inputErrorOf([&] { movie->read(0); }).find("1-60"), std::string::npos);
  // Truncated: an MP4 whose index was at the end.
  const std::string cut = dir.file("cut.mp4");
  fs::copy_file(path, cut);
  fs::resize_file(cut, fs::file_size(cut) / 2);
  const std::string truncated = test::inputErrorOf([&] { FrameSource::open(cut); });
  EXPECT_NE(truncated.find("cut.mp4"), std::string::npos) << truncated;
  // Not a movie at all.
  std::ofstream(dir.file("fake.mkv")) << "this is text";
  const std::string fake = test::inputErrorOf([&] { FrameSource::open(dir.file("fake.mkv")); });
  EXPECT_NE(fake.find("fake.mkv"), std::string::npos) << fake;
}

}  // namespace filmrecover
