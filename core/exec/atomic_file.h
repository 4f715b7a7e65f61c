#pragma once
// The one way filmrecover puts a file in place: written under a unique hidden temp name in
// the target's folder, flushed to the disk (fsync), renamed over the target, the folder
// flushed too. A reader sees the old file or the whole new one, never a part, also after a
// kill or a power cut; a failure leaves no temp file and names the target.
#include <string>

namespace filmrecover {

//! A file being written. Write to tempPath() (with any writer: a stream, OIIO, SQLite
//! backup), then commit(). Destroyed without commit (an exception, a cancel), the temp file
//! is removed. Temp names are ".NAME.tmp-PID-N[.EXT]" (EXT kept when asked, for writers that
//! pick the format from it); a killed writer's temp files are swept by
//! removeStaleWriteTemporaries (core/io/image_writer.h).
//! Whether commit() waits for the data to reach the disk. Everything filmrecover delivers
//! (frames, models, checkpoints, mappings, reports) does; generated test material, which a
//! power cut costs nothing, need not (thousands of fsyncs would slow the test suite).
enum class Durability { OnDisk, RenameOnly };

class AtomicFile {
 public:
  explicit AtomicFile(std::string target, bool keepExtension = false, Durability durability = Durability::OnDisk);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::string& target() const { return target_; }
  const std::string& tempPath() const { return temp_; }
  //! fsync, rename over the target, fsync the folder. RunError naming the target (and a
  //! full disk when it is one) when any step fails; the temp file is then removed.
  void commit();
  //! Removes the temp file and throws RunError "cannot write TARGET: WHY" (plus a full
  //! disk when it is one): for writers that fail before commit.
  [[noreturn]] void fail(const std::string& why);

 private:
  std::string target_, temp_;
  Durability durability_;
  bool committed_ = false;
};

//! `bytes` as the whole content of `path`, atomically (AtomicFile). `executable` sets
//! rwxr-xr-x (farm scripts). Creates the folder when missing.
void writeFileAtomic(const std::string& path, const std::string& bytes, bool executable = false,
                     Durability durability = Durability::OnDisk);

}  // namespace filmrecover
