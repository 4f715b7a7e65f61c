#pragma once
#include <string>

#include "core/image/image.h"

namespace filmrecover::cli {

//! Parses a rectangle given on the command line as "x0,y0,x1,y1" (pixels, x1 and y1
//! exclusive). Throws InputError naming `flag` and the text when it is malformed or empty.
Rect parseCropFlag(const std::string& flag, const std::string& text);

}  // namespace filmrecover::cli
