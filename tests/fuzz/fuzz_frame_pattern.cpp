// Fuzzes the frame token of source and output patterns (findFrameToken, OutputPattern) and
// the frame range a source pattern may carry ("plate.1001-1100#.exr").
#include <string>

#include "core/io/frame_set.h"
#include "core/io/frame_token.h"
#include "core/io/output_pattern.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // a command-line argument
  const std::string text(reinterpret_cast<const char*>(data), size);
  using namespace filmrecover;
  const FrameToken token = findFrameToken(text);
  if (token.found) {
    fuzz::expectOnlyDocumentedErrors([&] { parseFrameSet(token.frameRange.empty() ? "1" : token.frameRange); });
    formatFramePath(token.prefix, -12345, token.padding, token.suffix);
  }
  fuzz::expectOnlyDocumentedErrors([&] {
    const OutputPattern pattern(text);
    for (int frame : {0, 1, 1001, -7, 2147483647, -2147483647 - 1}) pattern.pathFor(frame);
    pattern.printfPattern();
  });
  return 0;
}
