#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/image/image.h"

namespace filmrecover::match {

//! What matching and alignment need from an element: its frame numbers, size and a
//! thread-safe reader. Built from an io FrameSource (see fromFrameSource) or, in tests and
//! in the GUI's in-memory previews, from anything that yields Images.
struct FrameAccess {
  std::string spec;                //!< how the user named it (kept in the mapping)
  std::vector<int> frames;         //!< existing frame numbers, ascending
  int width = 0, height = 0;       //!< full resolution
  double frameRate = 0;            //!< frames per second when known, else 0
  std::string timecode;            //!< start timecode "HH:MM:SS:FF" when the element carries one
  std::string cacheKey;            //!< identifies the content for the descriptor cache ("" = no cache)
  std::function<Image(int frame)> read;  //!< full-resolution frame, float RGB; thread-safe
};

}  // namespace filmrecover::match
