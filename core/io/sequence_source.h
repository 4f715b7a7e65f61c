#pragma once
// Private to core/io: an image sequence read through the shared OIIO ImageCache.
#include <map>

#include "core/io/frame_source.h"
#include "core/io/sequence_scan.h"

namespace filmrecover {

//! A sequence whose files were found once when it was opened.
class SequenceSource : public FrameSource {
 public:
  //! `scanned` holds the existing files; `requested` (may be empty) the frames a frame range
  //! asked for, used for the missing list. Reads the headers of the first, middle and last
  //! frames and takes the size most agree on; InputError when no header can be read.
  //! read() names every frame unlike that size, truncated, unreadable or holding NaN/Inf.
  SequenceSource(const std::string& spec, const ScannedSequence& scanned, const std::vector<int>& requested);

  const SourceInfo& info() const override { return info_; }
  Image read(int frame) const override;
  std::string framePath(int frame) const override;

 private:
  SourceInfo info_;
  ScannedSequence files_;
};

}  // namespace filmrecover
