#pragma once
// Helpers shared by every test folder: scratch folders, driving filmrecover-cli, and
// OIIO-style tolerant image comparison (never exact bytes).
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/image/image.h"

namespace filmrecover::test {

//! A fresh folder under the system temp dir, removed when the object dies
//! (kept when FILMRECOVER_KEEP_TEST_DIRS is set, for post-mortems).
class TempDir {
 public:
  explicit TempDir(const std::string& tag = "test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  //! path() / name, as a string.
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

//! Result of one filmrecover-cli run.
struct CliResult {
  int exitCode = -1;
  std::string out;  //!< stdout
  std::string err;  //!< stderr
};

//! Runs the built filmrecover-cli with `args` (each passed as one argument, no shell).
CliResult runCli(const std::vector<std::string>& args);

//! OIIO `compare` style verdict: fails when more than `failPercent` % of values differ by
//! more than `failThreshold`, or any differs by more than `hardLimit`.
struct CompareResult {
  double meanError = 0, rmsError = 0, maxError = 0, psnr = 0;
  double percentOverThreshold = 0;
  bool sizeMismatch = false;
  bool passed = false;
};
CompareResult compareImages(const Image& a, const Image& b, float failThreshold = 1e-3f,
                            double failPercent = 0.0, float hardLimit = 1.0f);

//! A textured test image (gradients, edges, sinusoids, noise from `seed`) of w x h x 3.
Image makeTestPattern(int width, int height, unsigned seed = 1);

//! The message of the InputError that `f` throws: "no error" when it throws nothing, and
//! "wrong exception type: ..." for any other exception (so a find() on it fails loudly).
std::string inputErrorOf(const std::function<void()>& f);

//! Path of a file in the repository (e.g. "resources/ocio/config.ocio").
std::string sourcePath(const std::string& relative);

}  // namespace filmrecover::test
