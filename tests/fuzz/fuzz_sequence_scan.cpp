// Fuzzes the reading of file names into sequences (scanFolder: a SOURCE that is a folder;
// scanSequence: a SOURCE pattern). Input: line 1 is a pattern, the other lines are names
// of files created in an empty folder.
#include <fstream>
#include <sstream>
#include <string>

#include "core/io/frame_token.h"
#include "core/io/sequence_scan.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 2048) return 0;
  using namespace filmrecover;
  const std::string folder = fuzz::freshScratchFolder("scan");
  std::istringstream lines(std::string(reinterpret_cast<const char*>(data), size));
  std::string pattern, name;
  std::getline(lines, pattern);
  int files = 0;
  while (std::getline(lines, name) && files < 64) {
    // Only plain names: a fuzzed '/' or ".." would create files outside the folder.
    if (name.empty() || name.find('/') != std::string::npos || name.find('\0') != std::string::npos ||
        name == "." || name == ".." || name.size() > 200)
      continue;
    std::ofstream(folder + "/" + name).put('x');
    ++files;
  }
  fuzz::expectOnlyDocumentedErrors([&] {
    for (const ScannedSequence& s : scanFolder(folder)) displayName(s);
  });
  const FrameToken token = findFrameToken(pattern);
  if (token.found && token.prefix.find('/') == std::string::npos)
    fuzz::expectOnlyDocumentedErrors([&] { scanSequence(folder, token.prefix, token.suffix, token.padding); });
  return 0;
}
