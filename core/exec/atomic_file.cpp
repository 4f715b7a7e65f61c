#include "core/exec/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/exec/disk_space.h"
#include "core/exec/errors.h"

namespace filmrecover {

namespace fs = std::filesystem;

namespace {

std::string uniqueTempName(const fs::path& target, bool keepExtension) {
  static std::atomic<unsigned> counter{0};
  return "." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
         (keepExtension ? target.extension().string() : std::string());
}

// fsync of a file or folder by path; false with errno set on failure.
bool syncPath(const std::string& path, bool folder) {
  const int fd = ::open(path.c_str(), folder ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return ok;
}

}  // namespace

AtomicFile::AtomicFile(std::string target, bool keepExtension, Durability durability)
    : target_(std::move(target)), durability_(durability) {
  const fs::path t(target_);
  temp_ = (t.parent_path() / uniqueTempName(t, keepExtension)).string();
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  std::error_code ec;
  fs::remove(temp_, ec);
}

void AtomicFile::fail(const std::string& why) {
  std::error_code sizeError, ec;
  const auto size = fs::file_size(temp_, sizeError);
  fs::remove(temp_, ec);
  // A full disk is the one failure a restorer fixes in a minute: say so when it is one.
  // (No temp file at all, e.g. a missing folder, is never taken for a full disk.)
  const std::uintmax_t wanted = sizeError ? (1u << 20) : std::max<std::uintmax_t>(size, 1u << 20);
  const std::string full = noSpaceNote(target_, wanted);
  throw RunError("cannot write '" + target_ + "': " + (full.empty() ? why : full + "; " + why));
}

void AtomicFile::commit() {
  if (durability_ == Durability::OnDisk && !syncPath(temp_, false)) fail(std::string("flushing it to the disk failed: ") + std::strerror(errno));
  std::error_code ec;
  fs::rename(temp_, target_, ec);
  if (ec) fail("moving it into place failed: " + ec.message());
  committed_ = true;
  if (durability_ == Durability::RenameOnly) return;
  // The rename itself reaches the disk with its folder; a failure here leaves a whole file.
  const fs::path folder = fs::path(target_).parent_path();
  syncPath(folder.empty() ? std::string(".") : folder.string(), true);
}

void writeFileAtomic(const std::string& path, const std::string& bytes, bool executable, Durability durability) {
  const fs::path folder = fs::path(path).parent_path();
  if (!folder.empty()) {
    std::error_code ec;
    fs::create_directories(folder, ec);
  }
  AtomicFile file(path, false, durability);
  FILE* out = std::fopen(file.tempPath().c_str(), "wb");
  if (!out) file.fail(std::string("cannot create a file in its folder: ") + std::strerror(errno));
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), out) == bytes.size();
  const int writeErrno = errno;
  const bool closed = std::fclose(out) == 0;
  if (!written || !closed) file.fail(std::strerror(written ? errno : writeErrno));
  if (executable) {
    std::error_code ec;
    fs::permissions(file.tempPath(),
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                        fs::perms::others_exec,
                    ec);
  }
  file.commit();
}

}  // namespace filmrecover
