#pragma once
// Private to core/io: a movie file decoded with FFmpeg (libavformat/libavcodec/libswscale).
#include <memory>
#include <mutex>

#include "core/io/frame_source.h"

namespace filmrecover {

class MovieDecoder;

//! A movie: frames numbered from 1 in presentation order. The frame index (presentation
//! timestamps and keyframes) is built once by reading every packet, so the count is exact
//! and each frame is found by its timestamp after seeking to the keyframe before it.
class MovieSource : public FrameSource {
 public:
  //! Opens and indexes `path`; InputError naming it when it is not a movie FFmpeg decodes.
  explicit MovieSource(const std::string& path);
  ~MovieSource() override;

  const SourceInfo& info() const override;
  //! Decodes one frame (serialised: one decoder per source).
  Image read(int frame) const override;
  std::string framePath(int) const override { return {}; }

 private:
  std::unique_ptr<MovieDecoder> decoder_;
  mutable std::mutex mutex_;
};

}  // namespace filmrecover
