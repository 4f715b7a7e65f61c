// The one atomic file writer: whole or absent, unique temp names, nothing left on failure.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "core/exec/atomic_file.h"
#include "core/exec/errors.h"
#include "tests/support/test_support.h"

namespace filmrecover {
namespace {

namespace fs = std::filesystem;

std::string contentOf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> namesIn(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(folder)) names.push_back(e.path().filename().string());
  return names;
}

TEST(AtomicFile, WritesTheWholeFileAndLeavesNoTemp) {
  test::TempDir dir("atomic");
  const std::string path = dir.file("sub/folder/mapping.json");
  writeFileAtomic(path, "{\"a\": 1}\n");
  EXPECT_EQ(contentOf(path), "{\"a\": 1}\n");
  writeFileAtomic(path, "second", /*executable=*/true);
  EXPECT_EQ(contentOf(path), "second");
  EXPECT_TRUE((fs::status(path).permissions() & fs::perms::owner_exec) != fs::perms::none);
  EXPECT_EQ(namesIn(dir.file("sub/folder")), std::vector<std::string>{"mapping.json"});
}

TEST(AtomicFile, UncommittedOrFailedWritesLeaveTheOldFileAndNoTemp) {
  test::TempDir dir("atomic-fail");
  const std::string path = dir.file("model.frm");
  writeFileAtomic(path, "old");
  {
    AtomicFile file(path);
    std::ofstream(file.tempPath()) << "half of a new one";
    EXPECT_NE(file.tempPath(), path);
    // Destroyed without commit (an exception, a cancel).
  }
  EXPECT_EQ(contentOf(path), "old");
  EXPECT_EQ(namesIn(dir.path().string()), std::vector<std::string>{"model.frm"});
  {
    AtomicFile file(path);
    std::ofstream(file.tempPath()) << "half";
    try {
      file.fail("the encoder stopped");
      ADD_FAILURE() << "fail() returned";
    } catch (const RunError& e) {
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("the encoder stopped"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(file.tempPath()));
  }
  // A folder that cannot exist (a file is in the way): a RunError naming the target.
  std::ofstream(dir.file("plain")) << "x";
  const std::string impossible = dir.file("plain/inside/file.json");
  const std::string why = [&] {
    try {
      writeFileAtomic(impossible, "x");
    } catch (const RunError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  }();
  EXPECT_NE(why.find(impossible), std::string::npos) << why;
}

TEST(AtomicFile, TempNamesAreUniqueAcrossThreadsAndKeepTheExtensionWhenAsked) {
  test::TempDir dir("atomic-threads");
  const std::string path = dir.file("frame.0001.exr");
  AtomicFile a(path, /*keepExtension=*/true), b(path, true), c(path);
  EXPECT_NE(a.tempPath(), b.tempPath());
  EXPECT_EQ(fs::path(a.tempPath()).extension(), ".exr");
  EXPECT_EQ(fs::path(c.tempPath()).filename().string().rfind(".frame.0001.exr.tmp-", 0), 0u) << c.tempPath();
  // Many writers of one file at once: every reader sees one whole version.
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) writeFileAtomic(dir.file("shared.txt"), std::string(1000, char('a' + t)),
                                                   false, Durability::RenameOnly);
    });
  for (auto& w : writers) w.join();
  const std::string last = contentOf(dir.file("shared.txt"));
  ASSERT_EQ(last.size(), 1000u);
  EXPECT_EQ(last, std::string(1000, last[0]));
  EXPECT_EQ(namesIn(dir.path().string()), std::vector<std::string>{"shared.txt"});
}

}  // namespace
}  // namespace filmrecover

namespace filmrecover {

TEST(AtomicFile, AWriterThatNeverMadeItsTempFileIsNotTakenForAFullDisk) {
  // A writer that could not even create the temp file (its folder is missing) failed for
  // that reason: the message must not send the restorer to free disk space.
  test::TempDir dir("atomic-no-temp");
  AtomicFile file(dir.file("missing-folder/frame.0001.exr"), true);
  try {
    file.fail("Could not open the temp file (No such file or directory)");
    FAIL() << "fail() returned";
  } catch (const RunError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find("no space"), std::string::npos) << what;
    EXPECT_NE(what.find("missing-folder/frame.0001.exr"), std::string::npos) << what;
  }
}

}  // namespace filmrecover
