#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
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

// Writes numbered frames `frames` through `pattern` (any output pattern form).
void writeSequence(const std::string& pattern, const std::vector<int>& frames, int width = 64, int height = 32) {
  const OutputPattern out(pattern);
  fs::create_directories(fs::path(pattern).parent_path());
  for (int f : frames) {
    Image image = test::numberedFrame(width, height, f % 256);
    image.attributes["oiio:ColorSpace"] = "Rec709";
    writeImageAtomic(out.pathFor(f), image);
  }
}

}  // namespace

TEST(SequenceSource, OpensEveryPatternFormAndReadsTheRightFrames) {
  test::TempDir dir("seq");
  writeSequence(dir.file("plate.####.exr"), {1001, 1002, 1003, 1005});
  for (const std::string spec : {"plate.####.exr", "plate.%04d.exr", "plate.#.exr"}) {
    const auto source = FrameSource::open(dir.file(spec));
    const SourceInfo& info = source->info();
    EXPECT_EQ(info.kind, "sequence");
    EXPECT_EQ(info.frames, (std::vector<int>{1001, 1002, 1003, 1005})) << spec;
    EXPECT_EQ(info.missing, (std::vector<int>{1004})) << spec;
    EXPECT_EQ(info.width, 64);
    EXPECT_EQ(info.height, 32);
    EXPECT_EQ(info.channels, 3);
    EXPECT_EQ(info.dataType, "half");
    EXPECT_EQ(info.codec, "openexr");
    EXPECT_EQ(info.pattern, dir.file("plate.%04d.exr"));
    EXPECT_EQ(info.metadata.at("oiio:ColorSpace"), "Rec709");
    EXPECT_TRUE(source->has(1003));
    EXPECT_FALSE(source->has(1004));
    EXPECT_EQ(source->framePath(1004), dir.file("plate.1004.exr"));
    for (int f : {1005, 1001, 1003}) {
      const Image image = source->read(f);
      ASSERT_EQ(image.channels, 3);
      EXPECT_EQ(test::frameNumberOf(image), f % 256);
    }
    const std::string missing = test::inputErrorOf([&] { source->read(1004); });
    EXPECT_NE(missing.find("1004"), std::string::npos) << missing;
    EXPECT_NE(missing.find("plate.1004.exr"), std::string::npos) << missing;
  }
}

TEST(SequenceSource, FrameRangesUnpaddedNamesAndFolders) {
  test::TempDir dir("seq-forms");
  writeSequence(dir.file("a/shot_@.png"), {8, 9, 10, 11});
  // Unpadded: 8..11 all found, a padded-looking file is not part of it.
  std::ofstream(dir.file("a/shot_0012.png")) << "x";
  auto unpadded = FrameSource::open(dir.file("a/shot_@.png"));
  EXPECT_EQ(unpadded->info().frames, (std::vector<int>{8, 9, 10, 11}));
  EXPECT_TRUE(unpadded->info().missing.empty());
  EXPECT_EQ(test::frameNumberOf(unpadded->read(10)), 10);
  fs::remove(dir.file("a/shot_0012.png"));

  // A frame range names what is wanted; frames not on disk are missing, not guessed.
  writeSequence(dir.file("b/plate.####.dpx"), {1, 2, 3, 5, 6});
  auto ranged = FrameSource::open(dir.file("b/plate.2-7#.dpx"));
  EXPECT_EQ(ranged->info().frames, (std::vector<int>{2, 3, 5, 6}));
  EXPECT_EQ(ranged->info().missing, (std::vector<int>{4, 7}));
  EXPECT_EQ(ranged->info().dataType, "uint10");
  EXPECT_EQ(test::frameNumberOf(ranged->read(6)), 6);

  // A folder with one sequence (and other files, hidden files and sub-folders beside it).
  std::ofstream(dir.file("b/notes.txt")) << "notes";
  std::ofstream(dir.file("b/.plate.0009.dpx.tmp-1-1.dpx")) << "temp";
  fs::create_directory(dir.file("b/sub"));
  auto folder = FrameSource::open(dir.file("b"));
  EXPECT_EQ(folder->info().frames, (std::vector<int>{1, 2, 3, 5, 6}));
  EXPECT_EQ(folder->info().missing, (std::vector<int>{4}));
  EXPECT_EQ(folder->info().pattern, dir.file("b/plate.%04d.dpx"));
  EXPECT_EQ(test::frameNumberOf(folder->read(3)), 3);
  auto slash = FrameSource::open(dir.file("b") + "/");
  EXPECT_EQ(slash->info().frames.size(), 5u);

  // A single image file.
  auto single = FrameSource::open(dir.file("b/plate.0005.dpx"));
  EXPECT_EQ(single->info().frames, (std::vector<int>{1}));
  EXPECT_EQ(test::frameNumberOf(single->read(1)), 5);
}

TEST(SequenceSource, BadSourcesAreOneSentenceNamingThem) {
  test::TempDir dir("seq-bad");
  const std::string nothing = dir.file("nothing.####.exr");
  EXPECT_NE(test::inputErrorOf([&] { FrameSource::open(nothing); }).find(nothing), std::string::npos);
  EXPECT_NE(test::inputErrorOf([&] { FrameSource::open(nothing); }).find("matches no files"), std::string::npos);
  const std::string noFolder = dir.file("missing/plate.####.exr");
  EXPECT_NE(test::inputErrorOf([&] { FrameSource::open(noFolder); }).find(dir.file("missing")), std::string::npos);
  const std::string noFile = dir.file("clip.mov");
  EXPECT_NE(test::inputErrorOf([&] { FrameSource::open(noFile); }).find("does not exist"), std::string::npos);
  std::ofstream(dir.file("data.xyz")) << "?";
  const std::string unknown = test::inputErrorOf([&] { FrameSource::open(dir.file("data.xyz")); });
  EXPECT_NE(unknown.find("data.xyz"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("not a format"), std::string::npos) << unknown;
  EXPECT_NE(test::inputErrorOf([&] { FrameSource::open(dir.file("data.####.xyz")); }).find("format"), std::string::npos);
  EXPECT_NE(test::inputErrorOf([&] { FrameSource::open(dir.file("p.1-x#.exr")); }).find("frame set"), std::string::npos);

  // Two sequences in one folder.
  writeSequence(dir.file("two/a.####.png"), {1, 2});
  writeSequence(dir.file("two/b_###.png"), {1, 2});
  const std::string two = test::inputErrorOf([&] { FrameSource::open(dir.file("two")); });
  EXPECT_NE(two.find("2 sequences"), std::string::npos) << two;
  EXPECT_NE(two.find("a.####.png"), std::string::npos) << two;
  EXPECT_NE(two.find("b_###.png"), std::string::npos) << two;
  fs::create_directory(dir.file("empty"));
  EXPECT_NE(test::inputErrorOf([&] { FrameSource::open(dir.file("empty")); }).find("no image sequence"), std::string::npos);

  // Truncated and corrupt frames: the error names file and frame.
  writeSequence(dir.file("cut/c.####.exr"), {1, 2, 3}, 256, 128);
  fs::resize_file(dir.file("cut/c.0002.exr"), fs::file_size(dir.file("cut/c.0002.exr")) / 3);
  auto cut = FrameSource::open(dir.file("cut/c.####.exr"));
  const std::string truncated = test::inputErrorOf([&] { cut->read(2); });
  EXPECT_NE(truncated.find("frame 2"), std::string::npos) << truncated;
  EXPECT_NE(truncated.find("c.0002.exr"), std::string::npos) << truncated;
  EXPECT_EQ(test::frameNumberOf(cut->read(3)), 3);
  std::ofstream(dir.file("cut/c.0003.exr"), std::ios::trunc) << "garbage, not an exr";
  auto corrupt = FrameSource::open(dir.file("cut/c.####.exr"));
  const std::string garbage = test::inputErrorOf([&] { corrupt->read(3); });
  EXPECT_NE(garbage.find("c.0003.exr"), std::string::npos) << garbage;
  // The first frame unreadable: the sequence opens from the others, and the frame is named
  // from the moment it is opened.
  writeSequence(dir.file("cut/c.####.exr"), {2, 3}, 256, 128);
  std::ofstream(dir.file("cut/c.0001.exr"), std::ios::trunc) << "garbage";
  auto firstBad = FrameSource::open(dir.file("cut/c.####.exr"));
  ASSERT_EQ(firstBad->info().unreadableHeaders.size(), 1u);
  EXPECT_NE(firstBad->info().unreadableHeaders[0].message.find("c.0001.exr"), std::string::npos);
  EXPECT_NE(test::inputErrorOf([&] { firstBad->read(1); }).find("c.0001.exr"), std::string::npos);
  EXPECT_EQ(test::frameNumberOf(firstBad->read(2)), 2);
  // No frame readable: opening says so, naming the first.
  for (const char* name : {"cut/c.0002.exr", "cut/c.0003.exr"}) std::ofstream(dir.file(name), std::ios::trunc) << "x";
  const std::string first = test::inputErrorOf([&] { FrameSource::open(dir.file("cut/c.####.exr")); });
  EXPECT_NE(first.find("c.0001.exr"), std::string::npos) << first;
}

TEST(SequenceSource, ReadsFromManyThreadsAtOnce) {
  test::TempDir dir("seq-threads");
  std::vector<int> frames;
  for (int f = 1; f <= 24; ++f) frames.push_back(f);
  writeSequence(dir.file("t.####.exr"), frames);
  const auto source = FrameSource::open(dir.file("t.####.exr"));
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round)
        for (int f = 1 + t; f <= 24; f += 2)
          if (test::frameNumberOf(source->read(f)) != f) ++wrong;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(SequenceSource, ReadsWhileTheSameFilesAreRewrittenAndReopened) {
  // The viewer decodes frames while a training run opens the same sequence (which drops
  // changed files from the shared cache) and a render rewrites files: OIIO 2.4 aborts when
  // a file is invalidated while another thread reads it, unless invalidations wait.
  test::TempDir dir("seq-invalidate");
  std::vector<int> frames;
  for (int f = 1; f <= 8; ++f) frames.push_back(f);
  const std::string pattern = dir.file("r.####.exr");
  writeSequence(pattern, frames, 256, 128);
  const auto source = FrameSource::open(pattern);
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, wrong{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&, t] {
      for (int f = 1 + t; !done; f = f % 8 + 1) {
        try {
          if (test::frameNumberOf(source->read(f)) != f) ++wrong;
        } catch (const InputError&) {
          // A frame caught mid-rename may be unreadable once; never a crash.
        }
        ++reads;
      }
    });
  const OutputPattern out(pattern);
  for (int round = 0; round < 40; ++round) {
    const int f = 1 + round % 8;
    Image image = test::numberedFrame(256, 128, f);
    image.attributes["oiio:ColorSpace"] = "Rec709";
    writeImageAtomic(out.pathFor(f), image);  // invalidates the file in the shared cache
    FrameSource::open(pattern);               // drops changed files from the shared cache
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_GT(reads.load(), 40);
  EXPECT_EQ(wrong.load(), 0);
}

TEST(SequenceSource, TenThousandFramesOpenInAFractionOfASecond) {
  test::TempDir dir("seq-big");
  writeSequence(dir.file("big.#######.exr"), {1}, 16, 16);
  // Hard links: 10,000 real files without writing 10,000 images.
  for (int f = 2; f <= 10000; ++f)
    if (f != 5000) fs::create_hard_link(dir.file("big.0000001.exr"), OutputPattern(dir.file("big.#######.exr")).pathFor(f));
  const auto start = std::chrono::steady_clock::now();
  const auto source = FrameSource::open(dir.file("big.#######.exr"));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(source->info().frames.size(), 9999u);
  EXPECT_EQ(source->info().missing, (std::vector<int>{5000}));
#ifdef __SANITIZE_ADDRESS__
  const double bound = 3.0;  // AddressSanitizer's allocator and unwinder (make test PRESET=asan)
#else
  const double bound = 1.0;
#endif
  EXPECT_LT(seconds, bound);
  EXPECT_TRUE(source->has(9999));
  EXPECT_EQ(source->read(9999).width, 16);
}

}  // namespace filmrecover
