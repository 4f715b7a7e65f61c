// A full disk during render and during a training checkpoint, on a small tmpfs mounted for
// the test: a clear error naming the file, nothing partial left, the finished work kept,
// and the run resumes once space is back (the tmpfs remounted larger).
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/io/image_writer.h"
#include "core/io/output_pattern.h"
#include "core/model/model_container.h"
#include "tests/support/test_support.h"

using namespace filmrecover;
using namespace filmrecover::test;
namespace fs = std::filesystem;

namespace {

// A tmpfs of `bytes` at `folder`, unmounted when the object dies. Mounting needs root (or
// CAP_SYS_ADMIN), which the CI machines and this project's test machines have.
class SmallDisk {
 public:
  SmallDisk(const std::string& folder, size_t bytes) : folder_(folder) {
    fs::create_directories(folder);
    const std::string options = "size=" + std::to_string(bytes);
    if (mount("tmpfs", folder.c_str(), "tmpfs", 0, options.c_str()) != 0) error_ = std::strerror(errno);
  }
  ~SmallDisk() {
    if (error_.empty()) umount2(folder_.c_str(), MNT_DETACH);
  }
  //! "" when mounted, else why not.
  const std::string& error() const { return error_; }
  //! Space comes back: the same tmpfs, larger, its files kept.
  bool grow(size_t bytes) {
    const std::string options = "size=" + std::to_string(bytes);
    return mount("tmpfs", folder_.c_str(), "tmpfs", MS_REMOUNT, options.c_str()) == 0;
  }

 private:
  std::string folder_, error_;
};

std::map<std::string, fs::file_time_type> framesIn(const std::string& folder) {
  std::map<std::string, fs::file_time_type> frames;
  for (const auto& e : fs::directory_iterator(folder)) {
    const std::string name = e.path().filename().string();
    EXPECT_NE(name[0], '.') << "a temp file was left on the full disk: " << name;
    EXPECT_NO_THROW(readImageFile(e.path().string())) << "partial frame " << name;
    frames[name] = fs::last_write_time(e.path());
  }
  return frames;
}

}  // namespace

TEST(FullDisk, RenderStopsCleanlyAndResumesWhenSpaceIsBack) {
  TempDir dir("full-disk-render");
  fs::create_directories(dir.file("src"));
  const OutputPattern source(dir.file("src/s.####.exr"));
  for (int f = 1; f <= 24; ++f) writeImageAtomic(source.pathFor(f), makeTestPattern(160, 96, static_cast<unsigned>(f)));
  auto r = runCli({"train", "--mode", "chroma", "--input", dir.file("src/s.####.exr"), "--target",
                   dir.file("src/s.####.exr"), "--frames", "1-2", "-o", dir.file("m.frm"), "--size", "S", "--steps",
                   "3", "--crop", "32", "--batch", "1", "--threads", "1", "--preview-every", "0"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  // How large a rendered frame is, to size the disk for about ten of them.
  r = runCli({"render", "--model", dir.file("m.frm"), "--input", dir.file("src/s.####.exr"), "-o",
              dir.file("probe/p.####.exr"), "--frames", "1-4", "--threads", "1"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  size_t frameBytes = 0;
  for (const auto& e : fs::directory_iterator(dir.file("probe"))) frameBytes = std::max<size_t>(frameBytes, e.file_size());
  SmallDisk disk(dir.file("disk"), (frameBytes * 10 + 4095) / 4096 * 4096);
  ASSERT_EQ(disk.error(), "") << "mounting a tmpfs for the full-disk test failed (it needs root)";

  const std::vector<std::string> args = {"render", "--model", dir.file("m.frm"), "--input", dir.file("src/s.####.exr"),
                                         "-o", dir.file("disk/out/r.####.exr"), "--threads", "1", "--skip-existing",
                                         "--json"};
  r = runCli(args);
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find("no space left on the disk holding"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(dir.file("disk/out/r.")), std::string::npos) << "the error names the frame's file\n" << r.err;
  const auto kept = framesIn(dir.file("disk/out"));
  EXPECT_GE(kept.size(), 5u);
  EXPECT_LT(kept.size(), 24u);

  // Space is back: the run resumes, the finished frames stay untouched.
  ASSERT_TRUE(disk.grow(frameBytes * 40));
  r = runCli(args);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["skipped"], static_cast<int>(kept.size()));
  const auto all = framesIn(dir.file("disk/out"));
  EXPECT_EQ(all.size(), 24u);
  for (const auto& [name, time] : kept) EXPECT_EQ(all.at(name), time) << name << " was rewritten";
  std::cout << "full disk: render stopped after " << kept.size() << " of 24 frames, nothing partial, resumed to 24"
            << std::endl;
}

TEST(FullDisk, ACheckpointThatDoesNotFitKeepsTheLastOneAndTrainingResumes) {
  TempDir dir("full-disk-train");
  fs::create_directories(dir.file("src"));
  const OutputPattern source(dir.file("src/s.####.exr"));
  for (int f = 1; f <= 2; ++f) writeImageAtomic(source.pathFor(f), makeTestPattern(160, 96, static_cast<unsigned>(f)));
  const auto trainArgs = [&](const std::string& model) {
    return std::vector<std::string>{"train", "--mode", "chroma", "--input", dir.file("src/s.####.exr"), "--target",
                                    dir.file("src/s.####.exr"), "--frames", "1-2", "-o", model, "--size", "S",
                                    "--steps", "60", "--crop", "32", "--batch", "1", "--threads", "1",
                                    "--preview-every", "0", "--validate-every", "0", "--checkpoint-every", "20"};
  };
  // The size of a checkpoint, from a run elsewhere.
  auto r = runCli(trainArgs(dir.file("probe/m.frm")));
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const size_t checkpoint = fs::file_size(dir.file("probe/m.ckpt.frm"));
  // Room for one checkpoint and the metrics log, not for the next one beside it (an atomic
  // write needs both for a moment).
  SmallDisk disk(dir.file("disk"), (checkpoint * 3 / 2 + 4095) / 4096 * 4096);
  ASSERT_EQ(disk.error(), "") << "mounting a tmpfs for the full-disk test failed (it needs root)";
  const std::string model = dir.file("disk/m.frm");
  r = runCli(trainArgs(model));
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find("no space left on the disk holding"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("m.ckpt.frm"), std::string::npos) << r.err;
  // The last checkpoint that fitted is whole; no temp file, no model.
  ASSERT_TRUE(fs::exists(dir.file("disk/m.ckpt.frm")));
  EXPECT_NO_THROW(readModelContainer(dir.file("disk/m.ckpt.frm"), true));
  EXPECT_FALSE(fs::exists(model));
  for (const auto& e : fs::directory_iterator(dir.file("disk")))
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();

  // Space is back: --resume continues from it to the end.
  ASSERT_TRUE(disk.grow(checkpoint * 8));
  auto resumed = trainArgs(model);
  resumed.push_back("--resume");
  r = runCli(resumed);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NO_THROW(readModelContainer(model, true));
  std::cout << "full disk: a " << checkpoint << "-byte checkpoint did not fit, the last one stayed whole, training resumed"
            << std::endl;
}
