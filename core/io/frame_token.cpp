#include "core/io/frame_token.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace filmrecover {
namespace {

bool isRangeChar(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == ',' || c == 'x' || c == 'y';
}

}  // namespace

FrameToken findFrameToken(const std::string& pattern) {
  FrameToken t;
  const size_t slash = pattern.find_last_of('/');
  const size_t nameStart = slash == std::string::npos ? 0 : slash + 1;
  // Scan the file name from the end for the last token.
  for (size_t end = pattern.size(); end > nameStart; --end) {
    const size_t i = end - 1;
    const char c = pattern[i];
    size_t tokenStart = 0, tokenEnd = end;
    if (c == '#' || c == '@') {
      size_t s = i;
      while (s > nameStart && pattern[s - 1] == c) --s;
      const size_t n = end - s;
      if (n > static_cast<size_t>(kMaxFramePadding)) {
        end = s + 1;  // skip the whole run: a part of it is no token either
        continue;
      }
      t.padding = c == '#' ? (n == 1 ? 4 : static_cast<int>(n)) : static_cast<int>(n);
      tokenStart = s;
    } else if (c == 'd') {
      // %d or %0Nd
      size_t s = i;
      while (s > nameStart && std::isdigit(static_cast<unsigned char>(pattern[s - 1]))) --s;
      if (s == nameStart || pattern[s - 1] != '%') continue;
      const std::string digits = pattern.substr(s, i - s);
      // Read at most 3 digits: "%0555555555555d" overflowed atoi, and a padding of a billion
      // digits made formatFramePath write for minutes (found by fuzz_frame_pattern).
      const int width = digits.empty() ? 1 : digits.size() > 3 ? kMaxFramePadding + 1 : std::atoi(digits.c_str());
      if (width > kMaxFramePadding) continue;
      t.padding = std::max(1, width);
      tokenStart = s - 1;
    } else {
      continue;
    }
    // An oiiotool frame range written just before the token: "plate.1001-1100#.exr".
    size_t r = tokenStart;
    while (r > nameStart && isRangeChar(pattern[r - 1])) --r;
    // The range must start with a digit or '-' followed by a digit, and be preceded by a separator.
    std::string range = pattern.substr(r, tokenStart - r);
    while (!range.empty() && !std::isdigit(static_cast<unsigned char>(range[0])) && range[0] != '-') {
      range.erase(0, 1);
      ++r;
    }
    if (!range.empty() && (range.find_first_of("-,") != std::string::npos)) {
      t.frameRange = range;
    } else {
      r = tokenStart;
    }
    t.found = true;
    t.prefix = pattern.substr(0, r);
    t.suffix = pattern.substr(tokenEnd);
    return t;
  }
  return t;
}

std::string formatFramePath(const std::string& prefix, int frame, int padding, const std::string& suffix) {
  char digits[32];
  std::snprintf(digits, sizeof(digits), "%0*d", padding, frame);
  return prefix + digits + suffix;
}

}  // namespace filmrecover
