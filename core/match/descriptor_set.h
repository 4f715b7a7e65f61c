#pragma once
#include <string>
#include <vector>

#include "core/exec/cancel_token.h"
#include "core/exec/progress.h"
#include "core/io/frame_defect.h"
#include "core/match/frame_access.h"
#include "core/match/frame_descriptor.h"

namespace filmrecover::match {

//! The descriptors of every frame of one element, with the picture area they were taken
//! from. Extracted once per element and cached on disk (see loadOrExtractDescriptors).
struct DescriptorSet {
  int width = 0, height = 0;           //!< full resolution of the element
  Rect activeArea;                     //!< picture area (borders removed), full-res pixels
  std::vector<FrameDescriptor> frames; //!< one per readable frame, ascending frame numbers
  //! Frames that could not be read (truncated, corrupt, another size, NaN/Inf ...): left out
  //! of `frames`, so matching treats them as missing, and named here.
  std::vector<FrameDefect> defects;
};

//! Picture area of an element from ~`samples` frames spread over it (black borders,
//! letterbox and pillarbox removed).
Rect detectElementActiveArea(const FrameAccess& access, int samples = 24);

//! Reads every frame of `access` (on `threads` threads, 0 = all cores) and describes it.
//! A frame that cannot be read is recorded in `defects` and left out; InputError only when
//! no frame at all can be read.
DescriptorSet extractDescriptors(const FrameAccess& access, int threads, const CancelToken& cancel,
                                 const ProgressCallback& progress, const std::string& stage);

//! Writes `set` to `path` atomically (binary, versioned).
void saveDescriptors(const DescriptorSet& set, const std::string& path);
//! Reads a set written by saveDescriptors; false when missing, of another version or corrupt.
bool loadDescriptors(const std::string& path, DescriptorSet& set);

//! The cached set of `access` from `cacheDir` when its key matches, else extracts and
//! stores it there (no caching when `cacheDir` or the access's cacheKey is empty). A set with
//! defects is not cached: the defective frames are read, and named, again on the next run.
DescriptorSet loadOrExtractDescriptors(const FrameAccess& access, const std::string& cacheDir,
                                       int threads, const CancelToken& cancel,
                                       const ProgressCallback& progress, const std::string& stage);

}  // namespace filmrecover::match
