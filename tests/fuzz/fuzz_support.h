#pragma once
// Shared by the fuzzers (tests/fuzz/*.cpp, libFuzzer): what counts as a finding, and a
// scratch folder for parsers that take a path.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/exec/errors.h"

namespace filmrecover::fuzz {

//! Runs `parse` on one input. InputError and RunError are the parsers' documented answers
//! to bad input (the CLI turns them into one named sentence and exit 1 or 2), so they are
//! expected. Anything else escapes: libFuzzer reports an uncaught exception as a crash,
//! because a nlohmann::json::type_error or std::length_error reaching the CLI is a bug
//! (no file or field named). Sanitizer reports abort on their own.
template <typename Parse>
void expectOnlyDocumentedErrors(Parse&& parse) {
  try {
    parse();
  } catch (const InputError&) {
  } catch (const RunError&) {
  }
}

//! A folder of this process under $TMPDIR (or /tmp), created once, emptied by the caller.
inline const std::filesystem::path& scratchFolder() {
  static const std::filesystem::path dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::filesystem::path d = std::filesystem::path(tmp && *tmp ? tmp : "/tmp") /
                              ("filmrecover-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

//! Writes the fuzzer's bytes to `name` in the scratch folder and returns its path.
inline std::string writeScratchFile(const std::string& name, const uint8_t* data, size_t size) {
  const std::filesystem::path path = scratchFolder() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path.string();
}

//! An empty sub-folder `name` of the scratch folder (removed and made again).
inline std::string freshScratchFolder(const std::string& name) {
  const std::filesystem::path dir = scratchFolder() / name;
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace filmrecover::fuzz
