#pragma once
// Helpers of the io tests: shell commands (ffmpeg, iinfo) and frames that carry their number.
#include <cstdio>
#include <string>

#include "core/image/image.h"

namespace filmrecover::test {

//! Runs a shell command; returns its exit status and puts stdout+stderr into `output`.
inline int shell(const std::string& command, std::string* output = nullptr) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  std::string text;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) text.append(buffer, n);
  const int status = pclose(pipe);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

//! Occurrences of `needle` in `text`.
inline size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

//! Quotes `text` for a POSIX shell.
inline std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

//! A frame whose number is written as 8 wide black/white bars (bit 0 leftmost) in the top
//! half, over a grey gradient in the bottom half: survives any lossy codec.
inline Image numberedFrame(int width, int height, int number) {
  Image image(width, height, 3);
  const int bar = width / 8;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      float v = 0.25f + 0.5f * x / width;
      if (y < height / 2) v = ((number >> std::min(x / bar, 7)) & 1) ? 0.9f : 0.1f;
      for (int c = 0; c < 3; ++c) image.at(x, y, c) = v;
    }
  return image;
}

//! Reads the number back from a (possibly compressed) numberedFrame.
inline int frameNumberOf(const Image& image) {
  const int bar = image.width / 8;
  int number = 0;
  for (int bit = 0; bit < 8; ++bit) {
    double sum = 0;
    int n = 0;
    for (int y = image.height / 8; y < image.height / 2 - image.height / 8; ++y)
      for (int x = bit * bar + bar / 4; x < (bit + 1) * bar - bar / 4; ++x) {
        sum += image.at(x, y, 1);
        ++n;
      }
    if (sum / n > 0.5) number |= 1 << bit;
  }
  return number;
}

}  // namespace filmrecover::test
