#include "core/io/frame_source.h"

#include <algorithm>

#include "core/exec/errors.h"

namespace filmrecover {

FrameSource::~FrameSource() = default;

bool FrameSource::has(int frame) const {
  const auto& frames = info().frames;
  return std::binary_search(frames.begin(), frames.end(), frame);
}

std::shared_ptr<FrameSource> FrameSource::open(const std::string& spec) {
  throw RunError("opening sources is being written: " + spec);
}

bool isMovieFile(const std::string&) { return false; }
bool isImageFile(const std::string&) { return false; }

}  // namespace filmrecover
