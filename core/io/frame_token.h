#pragma once
// The frame-number token inside a path pattern, shared by sources and outputs.
#include <string>

namespace filmrecover {

//! A pattern split around its frame token.
struct FrameToken {
  bool found = false;
  std::string prefix;     //!< text before the token
  std::string suffix;     //!< text after the token
  int padding = 4;        //!< digits; 1 = unpadded
  std::string frameRange; //!< "1001-1100" from "plate.1001-1100#.exr", else ""
};

//! Widest padding a frame token may ask for: a frame number (an int) has at most 11
//! characters with its sign, so wider is a typo (or a hostile pattern), not a token.
constexpr int kMaxFramePadding = 16;

//! Finds the last frame token in `pattern`: a run of '#' (one '#' = 4 digits as in OIIO,
//! N > 1 = N digits), a run of '@' (N digits, one '@' = unpadded), "%0Nd" or "%d"
//! (padding at most kMaxFramePadding: a wider run is not a token),
//! optionally preceded by an oiiotool frame range ("1001-1100#"). Only the file name part
//! is searched, so folders may contain '#' or '@'.
FrameToken findFrameToken(const std::string& pattern);

//! `prefix` + frame padded to `padding` digits (sign before the digits) + `suffix`.
std::string formatFramePath(const std::string& prefix, int frame, int padding, const std::string& suffix);

}  // namespace filmrecover
