#include "core/io/output_pattern.h"

#include "core/exec/errors.h"
#include "core/io/frame_token.h"

namespace filmrecover {

OutputPattern::OutputPattern(const std::string& pattern) : pattern_(pattern) {
  const FrameToken t = findFrameToken(pattern);
  if (!t.found)
    throw InputError("output pattern '" + pattern + "' has no frame number token (use ####, %04d or @)");
  if (!t.frameRange.empty())
    throw InputError("output pattern '" + pattern + "' holds a frame range; give the frames with --frames");
  prefix_ = t.prefix;
  suffix_ = t.suffix;
  padding_ = t.padding;
}

std::string OutputPattern::pathFor(int frame) const { return formatFramePath(prefix_, frame, padding_, suffix_); }

std::string OutputPattern::pattern() const { return pattern_; }

std::string OutputPattern::printfPattern() const {
  std::string escPrefix, escSuffix;
  for (char c : prefix_) escPrefix += c == '%' ? std::string("%%") : std::string(1, c);
  for (char c : suffix_) escSuffix += c == '%' ? std::string("%%") : std::string(1, c);
  return escPrefix + (padding_ > 1 ? "%0" + std::to_string(padding_) + "d" : std::string("%d")) + escSuffix;
}

bool hasFrameToken(const std::string& text) { return findFrameToken(text).found; }

}  // namespace filmrecover
